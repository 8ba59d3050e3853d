using ClassifierToolkit.Data;
using ClassifierToolkit.Data.Sources;
using Microsoft.ML;

namespace ClassifierToolkit.Pipelines;

/// <summary>
/// A pipeline's data, ready for a trainer: train, validation and test views (each with <c>Label</c> and <c>Pixels</c>),
/// the class names, and a few test image files for timing single-image prediction.
/// </summary>
public sealed record PipelineData(IDataView Train, IDataView Validation, IDataView Test, IReadOnlyList<string> ClassNames,
    int TrainCount, int ValidationCount, IReadOnlyList<string> SampleImageFiles)
{
    /// <summary>Files of image folders left out as unusable (training and test folders), with the reasons.</summary>
    public IReadOnlyList<SkippedImage> Skipped { get; init; } = [];
    /// <summary>Images of the folders over <see cref="ImageSizeLimit.MaxPixels"/>, read through reduced copies.</summary>
    public IReadOnlyList<ReducedImage> Reduced { get; init; } = [];
    /// <summary>What a report should say about the data, e.g. that the bundled sample stood in for the full set; null when nothing.</summary>
    public string? DataNote { get; init; }

    /// <summary>Loads the data a spec names; <paramref name="scratchFolder"/> receives sample PNGs for in-memory sets.</summary>
    /// <param name="mlContext">The context the views belong to.</param>
    /// <param name="data">The spec's data section.</param>
    /// <param name="input">The spec's input section.</param>
    /// <param name="scratchFolder">Receives sample PNGs for in-memory sets.</param>
    /// <param name="locator">Finds Fashion-MNIST; when it has no explicit folder, the spec's <c>data.path</c> becomes it.</param>
    public static PipelineData Load(MLContext mlContext, DataSpec data, InputSpec input, string scratchFolder, FashionMnistLocator? locator = null) =>
        ImageDataSources.Get(data.Source).Load(mlContext, data, input, scratchFolder, locator);
}
