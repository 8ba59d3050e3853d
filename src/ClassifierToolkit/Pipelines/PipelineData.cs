using ClassifierToolkit.Data;
using ClassifierToolkit.Preprocessing;
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
    public static PipelineData Load(MLContext mlContext, DataSpec data, InputSpec input, string scratchFolder, FashionMnistLocator? locator = null)
    {
        var shape = input.ToShape();
        return data.Source == FashionMnist.SourceName
            ? FromFashionMnist(mlContext, data, shape, scratchFolder, LocatorFor(data, locator))
            : FromFolders(mlContext, data, shape, input.Resize);
    }

    // A caller's explicit folder (the command line's) wins over the pipeline's data.path, which wins over the search.
    private static FashionMnistLocator LocatorFor(DataSpec data, FashionMnistLocator? locator) => locator switch
    {
        null => new FashionMnistLocator(data.Path),
        { ExplicitFolder: null } when data.Path is not null => locator.WithExplicitFolder(data.Path),
        _ => locator,
    };

    private static PipelineData FromFashionMnist(MLContext mlContext, DataSpec data, InputShape shape, string scratchFolder, FashionMnistLocator locator)
    {
        if (shape.Channels != 1 || shape.Height != 28 || shape.Width != 28)
            throw new ArgumentException($"Fashion-MNIST images are 28×28 grey; the pipeline asks for {shape.Channels}×{shape.Height}×{shape.Width}. Set input to width 28, height 28, channels 1.");
        var location = locator.Find();
        var all = FashionMnist.LoadFrom(location.Folder, DataSplitKind.Train, data.TrainLimit);
        var test = FashionMnist.LoadFrom(location.Folder, DataSplitKind.Test, data.TestLimit);
        var split = DataSplit.Split(all.Count, data.ValidationFraction, data.Seed);
        var samples = PngExporter.Export(test.Take(50), Path.Combine(scratchFolder, "sample-images")).Select(f => f.ImagePath).ToList();
        return new PipelineData(all.Select(split.Train).ToDataView(mlContext), all.Select(split.Validation).ToDataView(mlContext),
            test.ToDataView(mlContext), FashionMnist.ClassNames, split.Train.Count, split.Validation.Count, samples)
        {
            DataNote = location.Sample?.Summary,
        };
    }

    private static PipelineData FromFolders(MLContext mlContext, DataSpec data, InputShape shape, ResizeKind resize)
    {
        var scan = new ImageFolderScanOptions { Strict = data.Strict };
        var source = ImageFolderSource.Scan(data.Path!, scan);
        var files = source.Files.Take(data.TrainLimit ?? int.MaxValue).ToList();
        var split = DataSplit.Split(files.Count, data.ValidationFraction, data.Seed);
        var preprocessing = ImagePreprocessing.Fit(mlContext, shape, resize);
        IDataView View(IEnumerable<ImageFile> rows) => preprocessing.Transform(mlContext.Data.LoadFromEnumerable(rows.ToList()));
        var validationFiles = split.Validation.Select(i => files[i]).ToList();
        var testSource = data.TestPath is null ? null : ImageFolderSource.Scan(data.TestPath, scan);
        if (testSource is not null) ImageFolderSource.CheckSameClasses(source, testSource);
        var testFiles = testSource is null ? validationFiles : testSource.Files.Take(data.TestLimit ?? int.MaxValue).ToList();
        return new PipelineData(View(split.Train.Select(i => files[i])), View(validationFiles), View(testFiles), source.ClassNames,
            split.Train.Count, split.Validation.Count, testFiles.Take(50).Select(f => f.ImagePath).ToList())
        {
            Skipped = [.. source.Skipped, .. testSource?.Skipped ?? []],
            Reduced = [.. source.Reduced, .. testSource?.Reduced ?? []],
        };
    }
}
