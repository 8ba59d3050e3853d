using ClassifierToolkit.Pipelines;
using Microsoft.ML;

namespace ClassifierToolkit.Data.Sources;

/// <summary>Fashion-MNIST's IDX files, found by a <see cref="FashionMnistLocator"/> (<c>data.path</c> is their folder when given).</summary>
internal sealed class FashionMnistDataSource : IImageDataSource
{
    public string Name => FashionMnist.SourceName;

    public bool PathIsDataDirectory => true;

    public void Validate(DataSpec data, SpecCheck check)
    {
    }

    public PipelineData Load(MLContext mlContext, DataSpec data, InputSpec input, string scratchFolder, FashionMnistLocator? locator)
    {
        var shape = input.ToShape();
        if (shape.Channels != 1 || shape.Height != 28 || shape.Width != 28)
            throw new ArgumentException($"Fashion-MNIST images are 28×28 grey; the pipeline asks for {shape.Channels}×{shape.Height}×{shape.Width}. Set input to width 28, height 28, channels 1.");
        var location = LocatorFor(data.Path, locator).Find();
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

    // The test images written as PNGs once, into the cache, and reused: evaluation is from files, as an app predicts.
    public LabelledImageFiles TestFiles(DataSourceRequest request)
    {
        var location = LocatorFor(request.Path, request.Locator).Find();
        var test = FashionMnist.LoadFrom(location.Folder, DataSplitKind.Test, request.Limit);
        return new LabelledImageFiles(PngExportCache.GetOrExport(test, "fashion-mnist-test", PngExportCache.DefaultRoot()), [], [], location.Sample?.Summary);
    }

    public IReadOnlyList<string> TrainingImages(DataSourceRequest request, int count)
    {
        var train = FashionMnist.LoadFrom(LocatorFor(request.Path, request.Locator).Find().Folder, DataSplitKind.Train);
        var chosen = SeededSample.Of(Enumerable.Range(0, train.Count).ToList(), count);
        return PngExportCache.GetOrExport(train.Select(chosen), $"fashion-mnist-calibration-{chosen.Count}", PngExportCache.DefaultRoot()).Select(f => f.ImagePath).ToList();
    }

    // A caller's explicit folder (the command line's) wins over the pipeline's data.path, which wins over the search.
    private static FashionMnistLocator LocatorFor(string? path, FashionMnistLocator? locator) => locator switch
    {
        null => new FashionMnistLocator(path),
        { ExplicitFolder: null } when path is not null => locator.WithExplicitFolder(path),
        _ => locator,
    };
}
