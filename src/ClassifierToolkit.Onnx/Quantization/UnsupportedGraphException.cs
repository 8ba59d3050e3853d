namespace ClassifierToolkit.Onnx.Quantization;

/// <summary>The network has a part the int8 quantizer cannot handle; the message names the node and what to do.</summary>
public sealed class UnsupportedGraphException : Exception
{
    /// <summary>Creates the error for <paramref name="nodeName"/>.</summary>
    public UnsupportedGraphException(string nodeName, string message) : base(message) => NodeName = nodeName;

    /// <summary>The node (or, when no node is to blame, the graph) that cannot be quantized.</summary>
    public string NodeName { get; }
}
