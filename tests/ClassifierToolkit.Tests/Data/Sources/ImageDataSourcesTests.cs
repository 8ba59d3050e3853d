using ClassifierToolkit.Data;
using ClassifierToolkit.Data.Sources;
using ClassifierToolkit.Pipelines;
using ClassifierToolkit.Tests.Support;
using Microsoft.ML;

namespace ClassifierToolkit.Tests.Data.Sources;

/// <summary>The one place data sources are chosen: by name in pipelines, by name or folder on the command line.</summary>
public class ImageDataSourcesTests
{
    [Fact]
    public void ForArgument_ANameIsItsSource_AnythingElseAFolder()
    {
        var (named, namedPath) = ImageDataSources.ForArgument("fashion-mnist");
        Assert.Equal(("fashion-mnist", (string?)null, true), (named.Name, namedPath, named.PathIsDataDirectory));
        var (folder, folderPath) = ImageDataSources.ForArgument("/data/photos");
        Assert.Equal(("folder", "/data/photos", false), (folder.Name, folderPath, folder.PathIsDataDirectory));
        // A folder that happens to be called like a source of pictures is a folder.
        Assert.Equal(("folder", "folder"), ImageDataSources.ForArgument("folder") is var (s, p) ? (s.Name, p) : default);
        var error = Assert.Throws<ArgumentException>(() => ImageDataSources.Get("s3"));
        Assert.Contains("Known sources: fashion-mnist, folder", error.Message);
    }

    [Fact]
    public void FolderSource_TestFilesAndASeededTrainingSample_FromARealFolder()
    {
        var folder = MessyImageFolder.Create(perClass: 10);
        var (source, path) = ImageDataSources.ForArgument(folder.Root);

        var test = source.TestFiles(new DataSourceRequest(path, Limit: 20));
        var sample = source.TrainingImages(new DataSourceRequest(path), 12);

        Assert.Equal(20, test.Files.Count);
        Assert.NotEmpty(test.Skipped);
        Assert.All(test.Skipped, skipped => Assert.Contains(skipped.Path, folder.Broken));
        Assert.Equal(12, sample.Count);
        Assert.Equal(sample, source.TrainingImages(new DataSourceRequest(path), 12));
        Assert.True(sample.Select(Path.GetDirectoryName).Distinct().Count() > 1, "the sample should come from more than one class");
    }

    [Fact]
    public void Register_ANewSource_IsAcceptedByPipelineFilesAndLoadsThroughIt()
    {
        var source = new OneClassSource($"test-source-{Guid.NewGuid():N}");
        ImageDataSources.Register(source);

        var spec = PipelineSpecLoader.Load(Path.Combine(TestPaths.Pipelines, "fashion-mnist-cnn.json"), new PipelineOverrides().Set("data.source", System.Text.Json.Nodes.JsonValue.Create(source.Name)));
        Assert.Equal(source.Name, spec.Data.Source);
        Assert.Throws<NotSupportedException>(() => PipelineData.Load(new MLContext(1), spec.Data, spec.Input, TestPaths.NewTempFolder()));
        Assert.True(source.Loaded);
        Assert.Throws<ArgumentException>(() => ImageDataSources.Register(new OneClassSource(source.Name)));
    }

    private sealed class OneClassSource(string name) : IImageDataSource
    {
        public bool Loaded { get; private set; }
        public string Name => name;
        public bool PathIsDataDirectory => false;
        public void Validate(DataSpec data, SpecCheck check) { }
        public PipelineData Load(MLContext mlContext, DataSpec data, InputSpec input, string scratchFolder, FashionMnistLocator? locator)
        {
            Loaded = true;
            throw new NotSupportedException("a test source");
        }
        public LabelledImageFiles TestFiles(DataSourceRequest request) => throw new NotSupportedException();
        public IReadOnlyList<string> TrainingImages(DataSourceRequest request, int count) => throw new NotSupportedException();
    }
}
