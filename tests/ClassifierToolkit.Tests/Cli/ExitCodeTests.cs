using ClassifierToolkit.Tests.Support;

namespace ClassifierToolkit.Tests.Cli;

/// <summary>Every error class a user can cause: exit 2 for a wrong command line, 1 for a failure; one clear line, no stack trace, no .NET suffixes.</summary>
[Collection(ChildProcessTests.Name)]
public class ExitCodeTests(ShippedModelFixture model) : IClassFixture<ShippedModelFixture>
{
    private static readonly string Folder = TestPaths.NewTempFolder();

    private static string Pipeline(string name, string json)
    {
        var path = Path.Combine(Folder, name);
        File.WriteAllText(path, json);
        return path;
    }

    private static readonly string Good = Pipeline("good.json", """{ "version": 1, "name": "good" }""");

    private static string RunFolderWithoutCheckpoint()
    {
        var run = Path.Combine(Folder, "run-without-checkpoint");
        Directory.CreateDirectory(run);
        File.WriteAllText(Path.Combine(run, "pipeline.json"), """{ "version": 1, "name": "run", "data": { "source": "folder", "path": "/no/such/images" } }""");
        return run;
    }

    public static TheoryData<int, string[], string> Cases() => new()
    {
        // The command line is wrong: 2.
        { 2, ["train"], "Give either a pipeline file or --resume" },
        { 2, ["train", Good, "--epochs", "many"], "many" },
        { 2, ["frobnicate"], "frobnicate" },
        { 2, ["train", Good, "--resume", Folder], "Give either a pipeline file or --resume" },
        { 2, ["train", Good, "--set", "training.learningRate"], "--set" },
        { 2, ["compare", Good, Good], "Two pipelines are named 'good'" },
        // A file's content, the data, the model or the run fails: 1.
        { 1, ["train", "/no/such/pipeline.json"], "/no/such/pipeline.json" },
        { 1, ["train", Pipeline("key.json", """{ "version": 1, "training": { "optimiser": "adam" } }""")], "key.json: $.training.optimiser: unknown key" },
        { 1, ["train", Pipeline("range.json", """{ "version": 1, "training": { "learningRate": 0 } }""")], "range.json: $.training.learningRate: 0 is out of range" },
        { 1, ["train", Good, "--set", "training.momentum=2"], "$.training.momentum: 2 is out of range" },
        // Checked before any data are read: the data folder below does not exist, and the error is about the model.
        { 1, ["train", Pipeline("model.json", """{ "version": 1, "data": { "source": "folder", "path": "/no/such/images" }, "model": { "name": "resnet81" } }""")],
            "model.json: $.model.name: Unknown model 'resnet81'. Did you mean" },
        { 1, ["train", Pipeline("settings.json", """{ "version": 1, "data": { "source": "folder", "path": "/no/such/images" }, "model": { "name": "resnet8", "settings": { "depth": 3 } } }""")],
            "settings.json: $.model.settings: Model 'resnet8-cifar' has no setting 'depth'. Its settings: width" },
        { 1, ["train", Pipeline("nodata.json", """{ "version": 1, "data": { "source": "folder", "path": "/no/such/images" } }""")], "/no/such/images" },
        { 1, ["train", "--resume", Folder], "has no pipeline.json" },
        { 1, ["train", "--resume", RunFolderWithoutCheckpoint()], "checkpointEvery" },
        { 1, ["predict", "/no/such/model.zip", "x.png"], "/no/such/model.zip" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Ctk_UserError_ExitsWithItsClassAndOneClearLine(int exitCode, string[] args, string expected)
    {
        var result = CtkProcess.Run(args);
        Assert.True(exitCode == result.ExitCode, $"exit {result.ExitCode}, expected {exitCode}: {result.Error}");
        Assert.StartsWith("error:", result.Error.TrimStart());
        Assert.Contains(expected, result.Error);
        Assert.DoesNotContain("   at ", result.Error);
        Assert.DoesNotContain("(Parameter '", result.Error);
    }

    [Fact]
    public void Predict_TruncatedModel_ExitsOneNamingTheModel()
    {
        var bytes = File.ReadAllBytes(model.ModelPath);
        var truncated = Path.Combine(Folder, "truncated.zip");
        File.WriteAllBytes(truncated, bytes[..(bytes.Length / 2)]);
        var result = CtkProcess.Run("predict", truncated, model.TestFiles[0].ImagePath);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("truncated.zip", result.Error);
        Assert.DoesNotContain("   at ", result.Error);
    }

    [Fact]
    public void Train_DivergingLoss_ExitsOneWithTheLikelyCause()
    {
        var pipeline = Pipeline("diverge.json", """{ "version": 1, "name": "diverge", "data": { "trainLimit": 640, "testLimit": 50 }, "input": { "mean": [0.5], "std": [0.5] }, "training": { "optimizer": "sgd", "learningRate": 10, "epochs": 1 } }""");
        var result = CtkProcess.Run("train", pipeline, "--data-dir", TestPaths.FashionMnistSample, "--output", Path.Combine(Folder, "diverge", "model.zip"));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("diverged", result.Error);
        Assert.Contains("learning rate 10 is likely too high for sgd", result.Error);
    }

    [Fact]
    public void Train_OneClassFolder_ExitsOneSayingTwoAreNeeded()
    {
        var images = Path.Combine(Folder, "one-class");
        var train = SampleData.Train;
        ClassifierToolkit.Data.PngExporter.Export(train.Select(Enumerable.Range(0, 300).Where(i => train.Labels[i] == train.Labels[0]).Take(10).ToArray()), images);
        var pipeline = Pipeline("oneclass.json", $$"""{ "version": 1, "name": "oneclass", "data": { "source": "folder", "path": "{{images}}" }, "training": { "epochs": 1 } }""");
        var result = CtkProcess.Run("train", pipeline, "--output", Path.Combine(Folder, "oneclass", "model.zip"));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("at least two", result.Error);
    }
}
