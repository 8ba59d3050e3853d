using ClassifierToolkit.Pipelines;
using ClassifierToolkit.Tests.Support;

namespace ClassifierToolkit.Tests.Pipelines;

public class PipelineSpecLoaderTests
{
    [Fact]
    public void Load_SeedCnnPipeline_HasTheSeedRecipe()
    {
        var spec = PipelineSpecLoader.Load(Path.Combine(TestPaths.Pipelines, "fashion-mnist-cnn.json"));

        Assert.Equal("fashion-mnist", spec.Data.Source);
        Assert.Equal(0.2, spec.Data.ValidationFraction);
        Assert.Equal(99, spec.Data.Seed);
        Assert.Equal((28, 28, 1), (spec.Input.Width, spec.Input.Height, spec.Input.Channels));
        Assert.Equal([0.5f], spec.Input.Mean);
        Assert.Equal([0.5f], spec.Input.Std);
        Assert.Equal("cnn", spec.Model.Name);
        Assert.Equal(OptimizerKind.Adam, spec.Training.Optimizer);
        Assert.Equal(0.001, spec.Training.LearningRate);
        Assert.Equal(64, spec.Training.BatchSize);
        Assert.Equal(10, spec.Training.Epochs);
        Assert.Equal(99, spec.Training.Seed);
    }

    [Fact]
    public void Parse_UnknownKey_NamesKeyPathAndAllowedKeys()
    {
        var error = Assert.Throws<PipelineSpecException>(() => PipelineSpecLoader.Parse("""{ "version": 1, "training": { "epoch": 3 } }""", "p.json"));
        Assert.Equal("$.training.epoch", error.JsonPath);
        Assert.Contains("unknown key 'epoch'", error.Message);
        Assert.Contains("epochs", error.Message);
        Assert.StartsWith("p.json:", error.Message);
    }

    [Fact]
    public void Parse_RandomErasing_IsReadAndRoundTrips_AndAProbabilityAboveOneIsRefusedByPath()
    {
        var spec = PipelineSpecLoader.Parse("""{ "version": 1, "training": { "augmentation": { "randomErasing": 0.5 } } }""");
        Assert.Equal(0.5, spec.Training.Augmentation.RandomErasing);
        Assert.True(spec.Training.Augmentation.Enabled);
        Assert.Equal(0.5, PipelineSpecLoader.Parse(PipelineSpecLoader.ToJson(spec)).Training.Augmentation.RandomErasing);

        var error = Assert.Throws<PipelineSpecException>(() =>
            PipelineSpecLoader.Parse("""{ "version": 1, "training": { "augmentation": { "randomErasing": 1.5 } } }"""));
        Assert.Equal("$.training.augmentation.randomErasing", error.JsonPath);
    }

    [Fact]
    public void Parse_InputSize_IsASquaresSide()
    {
        var input = PipelineSpecLoader.Parse("""{ "version": 1, "input": { "size": 96, "channels": 3 } }""").Input;
        Assert.Equal((96, 96, 3), (input.Width, input.Height, input.Channels));
    }

    [Fact]
    public void Parse_BadEnumValue_ListsAllowedValues()
    {
        var error = Assert.Throws<PipelineSpecException>(() => PipelineSpecLoader.Parse("""{ "version": 1, "training": { "optimizer": "adamax" } }"""));
        Assert.Contains("'adamax' is not allowed. Allowed values: adam, adamw, sgd, rmsprop", error.Message);
    }

    [Fact]
    public void Parse_Precision_ReadsEachKindAndDefaultsToAuto()
    {
        Assert.Equal(PrecisionKind.Bf16, PipelineSpecLoader.Parse("""{ "version": 1, "training": { "precision": "bf16" } }""").Training.Precision);
        Assert.Equal(PrecisionKind.Fp32, PipelineSpecLoader.Parse("""{ "version": 1, "training": { "precision": "fp32" } }""").Training.Precision);
        Assert.Equal(PrecisionKind.Auto, PipelineSpecLoader.Parse("""{ "version": 1, "training": { "precision": "auto" } }""").Training.Precision);
        Assert.Equal(PrecisionKind.Auto, PipelineSpecLoader.Parse("""{ "version": 1 }""").Training.Precision);
        var error = Assert.Throws<PipelineSpecException>(() => PipelineSpecLoader.Parse("""{ "version": 1, "training": { "precision": "fp16" } }"""));
        Assert.Equal("$.training.precision", error.JsonPath);
        Assert.Contains("Allowed values: auto, fp32, bf16", error.Message);
    }

    [Fact]
    public void Parse_MemoryFormat_ReadsEachNameAndDefaultsToAuto()
    {
        Assert.Equal(MemoryFormatKind.ChannelsLast, PipelineSpecLoader.Parse("""{ "version": 1, "training": { "memoryFormat": "channels-last" } }""").Training.MemoryFormat);
        Assert.Equal(MemoryFormatKind.Nchw, PipelineSpecLoader.Parse("""{ "version": 1, "training": { "memoryFormat": "nchw" } }""").Training.MemoryFormat);
        Assert.Equal(MemoryFormatKind.Auto, PipelineSpecLoader.Parse("""{ "version": 1 }""").Training.MemoryFormat);
        var error = Assert.Throws<PipelineSpecException>(() => PipelineSpecLoader.Parse("""{ "version": 1, "training": { "memoryFormat": "nhwc" } }"""));
        Assert.Equal("$.training.memoryFormat", error.JsonPath);
        Assert.Contains("Allowed values: auto, channels-last, nchw", error.Message);
    }

    [Theory]
    [InlineData("""{ "version": 1, "training": { "learningRate": 0 } }""", "$.training.learningRate", "out of range")]
    [InlineData("""{ "version": 1, "training": { "batchSize": "64" } }""", "$.training.batchSize", "expected a whole number")]
    [InlineData("""{ "version": 1, "input": { "channels": 3, "mean": [0.1, 0.2] } }""", "$.input.mean", "expected 1 or 3 values")]
    [InlineData("""{ "version": 1, "input": { "std": [0] } }""", "$.input.std", "positive")]
    [InlineData("""{ "version": 1, "data": { "source": "folder" } }""", "$.data.path", "needs the training image folder")]
    [InlineData("""{ "version": 2 }""", "$.version", "not supported")]
    [InlineData("""{ "version": 1, "input": { "size": 64, "width": 64 } }""", "$.input.size", "either size (a square) or width and height")]
    [InlineData("""{ "name": "x" }""", "$.version", "missing")]
    [InlineData("""{ "version": 1, """, "$", "not valid JSON")]
    public void Parse_BadValue_ExplainsWhere(string json, string path, string problem)
    {
        var error = Assert.Throws<PipelineSpecException>(() => PipelineSpecLoader.Parse(json));
        Assert.Equal(path, error.JsonPath);
        Assert.Contains(problem, error.Message);
    }

    [Fact]
    public void ToJson_ThenParse_RoundTrips()
    {
        var spec = PipelineSpecLoader.Load(Path.Combine(TestPaths.Pipelines, "fashion-mnist-cnn.json"));
        var again = PipelineSpecLoader.Parse(PipelineSpecLoader.ToJson(spec));
        Assert.Equal(spec.Training with { Schedule = again.Training.Schedule, Augmentation = again.Training.Augmentation }, again.Training);
        Assert.Equal(spec.Training.Schedule, again.Training.Schedule);
        Assert.Equal(spec.Model.Name, again.Model.Name);
        Assert.Equal(spec.Model.Settings, again.Model.Settings);
        Assert.Equal(spec.Input.Mean, again.Input.Mean);
        Assert.Equal(spec.Data.Seed, again.Data.Seed);
    }

    [Fact]
    public void Parse_RelativeFolderPath_IsResolvedAgainstThePipelineFile()
    {
        var spec = PipelineSpecLoader.Parse("""{ "version": 1, "data": { "source": "folder", "path": "images/train" } }""", "p.json", "/srv/project");
        Assert.Equal("/srv/project/images/train", spec.Data.Path);
    }

    [Fact]
    public void Parse_TransferSection_ResolvesTheWeightsAndKeepsEverySetting()
    {
        var spec = PipelineSpecLoader.Parse("""
            { "version": 1, "model": { "name": "resnet18" },
              "transfer": { "weights": "w/resnet18.safetensors", "mode": "bottleneck", "headEpochs": 3, "unfreezeStages": 2,
                            "backboneLearningRateFactor": 0.05, "featureCache": "cache", "reuseCachedFeatures": false } }
            """, "p.json", "/srv/project");

        Assert.Equal(new TransferSpec
        {
            Weights = "/srv/project/w/resnet18.safetensors", Mode = TransferMode.Bottleneck, HeadEpochs = 3, UnfreezeStages = 2,
            BackboneLearningRateFactor = 0.05, FeatureCache = "/srv/project/cache", ReuseCachedFeatures = false,
        }, spec.Transfer);
        Assert.Equal(spec.Transfer, PipelineSpecLoader.Parse(PipelineSpecLoader.ToJson(spec), "p.json").Transfer);
        Assert.Null(PipelineSpecLoader.Parse("""{ "version": 1 }""").Transfer);
    }

    [Theory]
    [InlineData("""{ "version": 1, "transfer": { "mode": "finetune" } }""", "$.transfer.weights", "local weights file")]
    [InlineData("""{ "version": 1, "transfer": { "weights": "w.zip", "mode": "frozen" } }""", "$.transfer.mode", "bottleneck")]
    [InlineData("""{ "version": 1, "transfer": { "weights": "w.zip", "unfreezeStages": 0 } }""", "$.transfer.unfreezeStages", "")]
    [InlineData("""{ "version": 1, "transfer": { "weights": "w.zip", "url": "https://x" } }""", "$.transfer.url", "")]
    public void Parse_BadTransferValue_NamesItsPath(string json, string path, string problem)
    {
        var error = Assert.Throws<PipelineSpecException>(() => PipelineSpecLoader.Parse(json));
        Assert.Equal(path, error.JsonPath);
        Assert.Contains(problem, error.Message);
    }
}
