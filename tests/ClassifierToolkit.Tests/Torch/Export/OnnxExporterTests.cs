using ClassifierToolkit.Preprocessing;
using ClassifierToolkit.Torch.Export;
using ClassifierToolkit.Torch.Models;
using ClassifierToolkit.Torch.Models.Registry;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
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
        manual_seed(11);
        using var model = ModelRegistry.Default.Create(name, new ModelOptions(10, shape, activation));
        model.eval();
        using var pixels = rand(8, 1, 28, 28);
        using var normalization = new InputNormalization(shape, CPU);
        float[] expected;
        using (no_grad())
        using (var logits = model.forward(normalization.Apply(pixels)))
            expected = OnnxLayers.Values(logits);

        var onnx = OnnxExporter.Export(model, shape);
        using var session = new InferenceSession(onnx);
        var input = new DenseTensor<float>(OnnxLayers.Values(pixels), [8, 1, 28, 28]);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor(ColumnNames.Pixels, input)]);
        var actual = results.Single(r => r.Name == ColumnNames.Logits).AsEnumerable<float>().ToArray();

        Assert.Equal(expected.Length, actual.Length);
        var maxDifference = expected.Zip(actual).Max(pair => Math.Abs(pair.First - pair.Second));
        Assert.True(maxDifference < 1e-4, $"max |TorchSharp − ONNX Runtime| = {maxDifference}");
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
