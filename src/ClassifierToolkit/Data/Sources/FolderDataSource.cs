using ClassifierToolkit.Pipelines;
using ClassifierToolkit.Preprocessing;
using Microsoft.ML;

namespace ClassifierToolkit.Data.Sources;

/// <summary>Folders of pictures, one sub-folder per class: <c>data.path</c> to train on, <c>data.testPath</c> to test on.</summary>
internal sealed class FolderDataSource : IImageDataSource
{
    /// <summary>The name <c>data.source</c> takes.</summary>
    public const string SourceName = "folder";

    public string Name => SourceName;

    public bool PathIsDataDirectory => false;

    public void Validate(DataSpec data, SpecCheck check)
    {
        if (data.Path is null) throw check.Error("path", "a 'folder' source needs the training image folder in 'path'.");
    }

    // Without data.testPath, the validation split is the test set.
    public bool TestsOnValidation(DataSpec data) => data.TestPath is null;

    public PipelineData Load(MLContext mlContext, DataSpec data, InputSpec input, string scratchFolder, FashionMnistLocator? locator)
    {
        var scan = new ImageFolderScanOptions { Strict = data.Strict };
        var source = ImageFolderSource.Scan(data.Path!, scan);
        var files = source.Files.Take(data.TrainLimit ?? int.MaxValue).ToList();
        var split = DataSplit.Split(files.Count, data.ValidationFraction, data.Seed);
        var preprocessing = ImagePreprocessing.Fit(mlContext, input.ToShape(), input.Resize);
        IDataView View(IEnumerable<ImageFile> rows) => preprocessing.Transform(mlContext.Data.LoadFromEnumerable(rows.ToList()));
        var validationFiles = split.Validation.Select(i => files[i]).ToList();
        var testSource = TestsOnValidation(data) ? null : ImageFolderSource.Scan(data.TestPath!, scan);
        if (testSource is not null) ImageFolderSource.CheckSameClasses(source, testSource);
        var testFiles = testSource is null ? validationFiles : testSource.Files.Take(data.TestLimit ?? int.MaxValue).ToList();
        return new PipelineData(View(split.Train.Select(i => files[i])), View(validationFiles), View(testFiles), source.ClassNames,
            split.Train.Count, split.Validation.Count, testFiles.Take(50).Select(f => f.ImagePath).ToList())
        {
            Skipped = [.. source.Skipped, .. testSource?.Skipped ?? []],
            Reduced = [.. source.Reduced, .. testSource?.Reduced ?? []],
        };
    }

    public LabelledImageFiles TestFiles(DataSourceRequest request)
    {
        var source = ImageFolderSource.Scan(FolderOf(request), new ImageFolderScanOptions { Strict = request.Strict });
        return new LabelledImageFiles(source.Files.Take(request.Limit ?? int.MaxValue).ToList(), source.Skipped, source.Reduced, null);
    }

    // Any pictures under the folder (calibration needs no classes), a seeded sample so a folder sorted by class still
    // gives every class.
    public IReadOnlyList<string> TrainingImages(DataSourceRequest request, int count)
    {
        var folder = FolderOf(request);
        if (!Directory.Exists(folder))
            throw new DirectoryNotFoundException($"Folder '{folder}' does not exist; give a folder of images like those the model will see, or '{FashionMnist.SourceName}'.");
        var all = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(f => ImageFolderSource.ImageExtensions.Contains(Path.GetExtension(f))).Order(StringComparer.Ordinal).ToList();
        if (all.Count == 0) throw new InvalidDataException($"Folder '{folder}' holds no images ({string.Join(", ", ImageFolderSource.ImageExtensions)}).");
        return SeededSample.Of(all, count);
    }

    private static string FolderOf(DataSourceRequest request) =>
        request.Path ?? throw new ArgumentException("A folder data source needs the folder's path.", nameof(request));
}
