using ClassifierToolkit.Preprocessing;
using ClassifierToolkit.Torch.Models;
using static TorchSharp.torch;

namespace ClassifierToolkit.Torch.Export;

/// <summary>
/// Exports a trained classifier as one ONNX graph: <c>Pixels [N, C, H, W]</c> in [0, 1] → normalization → model →
/// <c>Logits [N, classes]</c>. The input and output names are the ML.NET column names the serving chain uses.
/// </summary>
public static class OnnxExporter
{
    /// <summary>Serializes the graph; <paramref name="metadata"/> is stored in the model's metadata.</summary>
    public static byte[] Export(ImageClassifierModule model, InputShape shape, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var graph = new OnnxGraphBuilder();
        graph.AddInput(ColumnNames.Pixels, null, shape.Channels, shape.Height, shape.Width);
        using var normalization = new InputNormalization(shape, CPU);
        var logits = model.ExportOnnx(graph, normalization.ExportOnnx(graph, ColumnNames.Pixels));
        graph.AddNode("Identity", [logits], ColumnNames.Logits);
        graph.AddOutput(ColumnNames.Logits, OnnxElementType.Float, null, model.ClassCount);
        return graph.ToBytes(metadata);
    }
}
