using ClassifierToolkit.Preprocessing;
using ClassifierToolkit.Torch.Models;
using ClassifierToolkit.Torch.Models.Registry;
using ClassifierToolkit.Weights;

namespace ClassifierToolkit.Torch.Transfer;

/// <summary>
/// Which registered model a weights file belongs to: the model the toolkit recorded in it, else the one registered model
/// whose backbone tensors (everything but the head) the file holds by name and shape. A plain torchvision
/// <c>resnet18.safetensors</c> says nothing about its model, and a user handing it to <c>ctk new</c> should not have to.
/// </summary>
internal static class WeightsModel
{
    private const string BatchCounterSuffix = "num_batches_tracked";

    /// <summary>The registered model name for <paramref name="weights"/>.</summary>
    /// <exception cref="InvalidDataException">No registered model, or more than one, matches; the message says which were close.</exception>
    public static string Identify(WeightSet weights, ModelRegistry? registry = null)
    {
        registry ??= ModelRegistry.Default;
        if (weights.Metadata.TryGetValue(PretrainedWeights.ModelKey, out var recorded)) return registry.Resolve(recorded);
        var matches = new List<string>();
        var misses = new List<(string Model, int Missing)>();
        foreach (var name in registry.Names)
        {
            int missing = MissingBackboneTensors(registry, name, weights);
            if (missing == 0) matches.Add(name);
            else misses.Add((name, missing));
        }
        if (matches.Count == 1) return matches[0];
        if (matches.Count > 1)
            throw new InvalidDataException($"'{weights.Source}' fits several models ({string.Join(", ", matches)}); name the model in a pipeline file's model.name instead.");
        var closest = misses.OrderBy(m => m.Missing).First();
        throw new InvalidDataException($"'{weights.Source}' holds no registered model's weights (the closest, {closest.Model}, lacks or differs in {closest.Missing} tensors). " +
            "Use torchvision/timm-named weights of a model 'ctk models' lists, or a model .zip saved by the toolkit.");
    }

    // Input channels are what transfer adapts (grey from RGB), so a first convolution may differ there.
    private static bool SameExceptInputChannels(IReadOnlyList<long> source, long[] target) =>
        source.Count == target.Length && source.Select((size, i) => i == 1 || size == target[i]).All(same => same);

    // Built for 3 channels and 2 classes (channels and head are what transfer adapts, so they are not compared), at 28×28,
    // which every registered model's patches and strides divide.
    private static int MissingBackboneTensors(ModelRegistry registry, string name, WeightSet weights)
    {
        using var model = registry.Create(name, new ModelOptions(2, new InputShape(3, 28, 28)));
        var expected = model.state_dict()
            .Where(p => !model.IsHeadTensor(p.Key) && !p.Key.EndsWith(BatchCounterSuffix, StringComparison.Ordinal))
            .ToDictionary(p => p.Key, p => p.Value.shape);
        int missing = expected.Count(p => !weights.TryGetValue(p.Key, out var source) || !SameExceptInputChannels(source.Shape, p.Value));
        int unexpected = weights.Count(w => !expected.ContainsKey(w.Key) && !model.IsHeadTensor(w.Key) && !w.Key.EndsWith(BatchCounterSuffix, StringComparison.Ordinal));
        return missing + unexpected;
    }
}
