using System.Runtime.InteropServices;
using ClassifierToolkit.Preprocessing;
using ClassifierToolkit.Torch.Export;
using ClassifierToolkit.Onnx.Proto;
using ClassifierToolkit.Torch.Models;
using ClassifierToolkit.Torch.Models.Registry;
using Microsoft.ML.OnnxRuntime;
using DenseTensor = Microsoft.ML.OnnxRuntime.Tensors.DenseTensor<float>;
using static TorchSharp.torch;

namespace ClassifierToolkit.Tests.Support;

/// <summary>Runs a model in TorchSharp and, exported, in ONNX Runtime (shared by the model-family tests).</summary>
internal static class OnnxParity
{
    /// <summary>Adds noise to every parameter, so no weight keeps a special initial value (ones, zeros).</summary>
    public static void Perturb(ImageClassifierModule model)
    {
        foreach (var parameter in model.parameters())
            parameter.add_(randn_like(parameter).mul_(0.1));
    }

    /// <summary>
    /// Parameters and buffers (except BatchNorm's batch counter) that the exported graph does not hold as an initializer
    /// of the same name and values: weights must be readable back from a saved model to continue or transfer training.
    /// </summary>
    public static IReadOnlyList<string> MissingInitializers(ImageClassifierModule model, InputShape shape)
    {
        var graph = ModelProto.Parser.ParseFrom(OnnxExporter.Export(model, shape)).Graph;
        var initializers = graph.Initializer.ToDictionary(
            i => i.Name, i => MemoryMarshal.Cast<byte, float>(i.RawData.Span).ToArray());
        return model.named_parameters().Select(p => (name: p.Item1, tensor: (Tensor)p.Item2))
            .Concat(model.named_buffers().Select(b => (name: b.Item1, tensor: b.Item2)))
            .Where(entry => !entry.name.EndsWith("num_batches_tracked", StringComparison.Ordinal))
            .Where(entry => !initializers.TryGetValue(entry.name, out var values) || !values.SequenceEqual(OnnxLayers.Values(entry.tensor)))
            .Select(entry => entry.name)
            .ToList();
    }

    /// <summary>Max |TorchSharp − ONNX Runtime| over the logits of <paramref name="pixels"/> (values in [0, 1]).</summary>
    public static float MaxDifference(ImageClassifierModule model, InputShape shape, Tensor pixels)
    {
        model.eval();
        float[] expected;
        using (var normalization = new InputNormalization(shape, CPU))
        using (no_grad())
        using (var logits = model.forward(normalization.Apply(pixels)))
            expected = OnnxLayers.Values(logits);

        using var session = new InferenceSession(OnnxExporter.Export(model, shape));
        var input = new DenseTensor(OnnxLayers.Values(pixels), pixels.shape.Select(d => (int)d).ToArray());
        using var results = session.Run([NamedOnnxValue.CreateFromTensor(ColumnNames.Pixels, input)]);
        var actual = results.Single(r => r.Name == ColumnNames.Logits).AsEnumerable<float>().ToArray();
        Assert.Equal(expected.Length, actual.Length);
        return expected.Zip(actual).Max(pair => Math.Abs(pair.First - pair.Second));
    }
}
