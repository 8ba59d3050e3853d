using ClassifierToolkit.Data;
using ClassifierToolkit.Pipelines;
using ClassifierToolkit.Tests.Support;
using Microsoft.ML;

namespace ClassifierToolkit.Tests.Pipelines;

public class PipelineDataTests
{
    [Fact]
    public void Load_LocatorFallsBackToTheSample_NotesItForTheReport()
    {
        var locator = new FashionMnistLocator(NoFullData() with { SampleFolder = TestPaths.FashionMnistSample });

        var data = PipelineData.Load(new MLContext(1), new DataSpec { TrainLimit = 100, TestLimit = 50 }, new InputSpec(), TestPaths.NewTempFolder(), locator);

        Assert.Contains("3,000 training and 500 test images", data.DataNote);
        Assert.Equal(80, data.TrainCount);
    }

    [Fact]
    public void Load_LocatorWithoutExplicitFolder_TakesThePipelinesDataPath()
    {
        // This locator alone would fail (no copy, no download, no sample): the spec's data.path must be used.
        var locator = new FashionMnistLocator(NoFullData() with { SampleFolder = null });
        var spec = new DataSpec { Path = TestPaths.FashionMnistSample, TrainLimit = 100, TestLimit = 50 };

        var data = PipelineData.Load(new MLContext(1), spec, new InputSpec(), TestPaths.NewTempFolder(), locator);

        Assert.Null(data.DataNote);
        Assert.Equal(80, data.TrainCount);
    }

    private static FashionMnistLocator.Options NoFullData() => new()
    {
        DataDirectory = TestPaths.NewTempFolder(),
        SystemFolder = Path.Combine(TestPaths.NewTempFolder(), "absent"),
        AllowDownload = false,
    };
}
