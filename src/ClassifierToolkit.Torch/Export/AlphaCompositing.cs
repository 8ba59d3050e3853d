using ClassifierToolkit.Onnx;
using static TorchSharp.torch;

namespace ClassifierToolkit.Torch.Export;

/// <summary>
/// Transparent pictures composited onto white, as a person sees them: <c>[N, 1 + C, H, W]</c> pixels (the alpha plane,
/// then the colour planes, as the toolkit's preprocessing extracts them) become <c>[N, C, H, W]</c> by
/// <c>colour + (1 − alpha)</c>. ML.NET's colour is premultiplied (colour × alpha: the picture over black, see
/// <c>ImagePreprocessingEstimator</c>), so this is the picture over white, whatever colour the file hid under alpha 0;
/// where the picture is opaque (alpha exactly 1) it adds 0 and keeps every value as it was. Training applies it in
/// TorchSharp as the pixels are read; export writes the same two operations (one Sub, one Add, each rounded once) as the
/// first nodes of the graph, before the normalization, so serving computes exactly what the network was trained on.
/// </summary>
internal static class AlphaCompositing
{
    /// <summary>The ONNX metadata key that records, in every network that composites, what a transparent pixel becomes.</summary>
    public const string MetadataKey = "ctk.transparency";

    /// <summary>The value of <see cref="MetadataKey"/>: the background transparent pixels are composited onto.</summary>
    public const string OntoWhite = "composited onto white: colour + (1 - alpha), premultiplied colour, alpha plane first";

    /// <summary>Composites a batch <c>[N, 1 + C, H, W]</c> onto white; returns <c>[N, C, H, W]</c>.</summary>
    public static Tensor Apply(Tensor pixels)
    {
        using var scope = NewDisposeScope();
        var alpha = pixels.narrow(1, 0, 1);
        var colour = pixels.narrow(1, 1, pixels.shape[1] - 1);
        var uncovered = ones_like(alpha).sub_(alpha);
        return colour.add(uncovered).MoveToOuterDisposeScope();
    }

    /// <summary>Appends the compositing after <paramref name="input"/> (<c>[N, 1 + <paramref name="channels"/>, H, W]</c>);
    /// returns the name of the composited <c>[N, C, H, W]</c> tensor.</summary>
    public static string ExportOnnx(OnnxGraphBuilder graph, string input, int channels)
    {
        var axes = graph.AddInt64Initializer("composite.axes", [1], 1);
        var alphaStart = graph.AddInt64Initializer("composite.alpha_start", [0], 1);
        var colourStart = graph.AddInt64Initializer("composite.colour_start", [1], 1);
        var colourEnd = graph.AddInt64Initializer("composite.colour_end", [1 + channels], 1);
        var white = graph.AddInitializer("composite.white", [1f], 1, 1, 1, 1);
        var alpha = graph.AddNode("Slice", [input, alphaStart, colourStart, axes], "composite.alpha");
        var colour = graph.AddNode("Slice", [input, colourStart, colourEnd, axes], "composite.colour");
        var uncovered = graph.AddNode("Sub", [white, alpha], "composite.uncovered");
        return graph.AddNode("Add", [colour, uncovered], "composite.output");
    }
}
