using ClassifierToolkit.Onnx;
using ClassifierToolkit.Preprocessing;
using ClassifierToolkit.Torch.Models;
using static TorchSharp.torch;

namespace ClassifierToolkit.Torch.Export;

/// <summary>
/// Exports a trained classifier as one ONNX graph: <c>Pixels [N, P, H, W]</c> in [0, 1] → compositing onto white (when
/// <see cref="InputShape.Alpha"/>: P = 1 + C, alpha first) → normalization → model → <c>Logits [N, classes]</c>. The input
/// and output names are the ML.NET column names the serving chain uses.
/// </summary>
internal static class OnnxExporter
{
    /// <summary>Serializes the graph; <paramref name="metadata"/> is stored in the model's metadata, with
    /// <see cref="AlphaCompositing.MetadataKey"/> added when the network composites.</summary>
    public static byte[] Export(ImageClassifierModule model, InputShape shape, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var graph = new OnnxGraphBuilder();
        graph.AddInput(ColumnNames.Pixels, null, shape.PixelPlanes, shape.Height, shape.Width);
        var colour = shape.Alpha ? AlphaCompositing.ExportOnnx(graph, ColumnNames.Pixels, shape.Channels) : ColumnNames.Pixels;
        using var normalization = new InputNormalization(shape, CPU);
        var logits = model.ExportOnnx(graph, normalization.ExportOnnx(graph, colour));
        graph.AddNode("Identity", [logits], ColumnNames.Logits);
        graph.AddOutput(ColumnNames.Logits, OnnxElementType.Float, null, model.ClassCount);
        var allMetadata = new Dictionary<string, string>(metadata ?? new Dictionary<string, string>());
        if (shape.Alpha) allMetadata[AlphaCompositing.MetadataKey] = AlphaCompositing.OntoWhite;
        return graph.ToBytes(allMetadata);
    }
}
