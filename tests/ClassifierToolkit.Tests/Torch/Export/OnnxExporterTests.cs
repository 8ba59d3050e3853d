using ClassifierToolkit.Pipelines;
using ClassifierToolkit.Preprocessing;
using ClassifierToolkit.Torch.Export;
using ClassifierToolkit.Torch.Models;
using ClassifierToolkit.Torch.Models.Registry;
using ClassifierToolkit.Tests.Support;
using Microsoft.ML.OnnxRuntime;
using static TorchSharp.torch;

namespace ClassifierToolkit.Tests.Torch.Export;

public class OnnxExporterTests
{
    public static TheoryData<string, Activation> RegisteredModels()
    {
        var data = new TheoryData<string, Activation>();
        foreach (var name in ModelRegistry.Default.Names)
            foreach (var activation in Enum.GetValues<Activation>())
                data.Add(name, activation);
        return data;
    }

    [Theory]
    [MemberData(nameof(RegisteredModels))]
    public void Export_EveryRegisteredModel_OnnxRuntimeLogitsMatchTorchSharp(string name, Activation activation)
    {
        var shape = new InputShape(1, 28, 28, [0.5f], [0.25f]);
        using var model = SeededModelFactory.Create(name, new ModelOptions(10, shape, activation), seed: 11);
        using var pixels = rand(8, 1, 28, 28);
        var maxDifference = OnnxParity.MaxDifference(model, shape, pixels);
        Assert.True(maxDifference < 1e-4, $"max |TorchSharp − ONNX Runtime| = {maxDifference}");
    }

    [Theory]
    [MemberData(nameof(RegisteredModels))]
    public void Export_EveryRegisteredModel_KeepsEveryWeightUnderItsName(string name, Activation activation)
    {
        var shape = new InputShape(1, 28, 28);
        using var model = SeededModelFactory.Create(name, new ModelOptions(10, shape, activation), seed: 11);
        Assert.Empty(OnnxParity.MissingInitializers(model, shape));
    }

    [Fact]
    public void Export_Metadata_IsStoredInTheModel()
    {
        var shape = new InputShape(1, 28, 28);
        using var model = ModelRegistry.Default.Create("cnn", new ModelOptions(10, shape));
        var onnx = OnnxExporter.Export(model, shape, new Dictionary<string, string> { ["ctk.model"] = "cnn" });
        using var session = new InferenceSession(onnx);
        Assert.Equal("cnn", session.ModelMetadata.CustomMetadataMap["ctk.model"]);
        Assert.Equal("ClassifierToolkit", session.ModelMetadata.ProducerName);
    }
}
