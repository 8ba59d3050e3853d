namespace ClassifierToolkit.Prediction;

/// <summary>Keys the toolkit writes into the metadata of the ONNX network inside a saved model.</summary>
public static class NetworkMetadata
{
    /// <summary>Present in an int8 network made by <c>ctk quantize</c>; its value describes the quantization.</summary>
    public const string Quantization = "ctk.quantization";
}
