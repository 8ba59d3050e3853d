using ClassifierToolkit.Preprocessing;
using ClassifierToolkit.Torch.Models;
using ClassifierToolkit.Torch.Models.Registry;
using ClassifierToolkit.Weights;
using static TorchSharp.torch;

namespace ClassifierToolkit.Tests.Torch.Transfer;

/// <summary>Models and weight files for the transfer tests.</summary>
internal static class TestWeights
{
    public static ImageClassifierModule Model(string name, int classes, int channels = 1, int seed = 1) =>
        SeededModelFactory.Create(name, new ModelOptions(classes, new InputShape(channels, 28, 28)), seed);

    /// <summary>The model's parameters and BatchNorm statistics by name (no step counters), copied out.</summary>
    public static Dictionary<string, WeightTensor> StateOf(ImageClassifierModule model) =>
        model.state_dict().Where(p => !p.Key.EndsWith("num_batches_tracked", StringComparison.Ordinal))
            .ToDictionary(p => p.Key, p => new WeightTensor(p.Value.shape, p.Value.cpu().contiguous().data<float>().ToArray()));

    /// <summary>Class names for <paramref name="count"/> classes.</summary>
    public static IReadOnlyList<string> Classes(int count, string prefix = "class") => [.. Enumerable.Range(0, count).Select(i => $"{prefix}{i}")];

    /// <summary>Writes <paramref name="model"/>'s weights as a .safetensors file (recording <paramref name="classes"/> as the toolkit does) and returns its path.</summary>
    public static string Save(ImageClassifierModule model, string folder, string name = "weights.safetensors", IReadOnlyList<string>? classes = null)
    {
        var path = Path.Combine(folder, name);
        SafetensorsFile.Write(path, StateOf(model), metadata: classes is null ? null
            : new Dictionary<string, string> { [ClassifierToolkit.Torch.Transfer.PretrainedWeights.ClassesKey] = string.Join("\n", classes) });
        return path;
    }
}
