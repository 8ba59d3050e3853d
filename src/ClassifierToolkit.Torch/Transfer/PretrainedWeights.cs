using ClassifierToolkit.Torch.Models;
using ClassifierToolkit.Torch.Models.Registry;
using ClassifierToolkit.Torch.Models.ResNet;
using ClassifierToolkit.Torch.Transfer.ImageNet;
using ClassifierToolkit.Torch.Weights;
using ClassifierToolkit.Weights;
using static TorchSharp.torch;

namespace ClassifierToolkit.Torch.Transfer;

/// <summary>
/// Loads pretrained weights from local files into a model, by parameter name: the backbone must match exactly (a
/// first convolution with other input channels is adapted). The head is loaded only when the weights were trained on the
/// same classes (a toolkit model's recorded class names); for other classes, or weights that do not say, it stays freshly
/// initialized, which is how a new task gets its own head. Never downloads anything.
/// </summary>
internal static class PretrainedWeights
{
    /// <summary>The metadata key under which the toolkit records the model a file's weights belong to.</summary>
    public const string ModelKey = "ctk.model";
    /// <summary>The metadata key under which the toolkit records the class names, one per line, in score order.</summary>
    public const string ClassesKey = "ctk.classes";

    private const string BatchCounterSuffix = "num_batches_tracked";

    /// <summary>
    /// Reads weights: <c>"imagenet"</c> (the built-in ImageNet weights, <see cref="ImageNetWeights"/>), a <c>.safetensors</c>
    /// file (torchvision/timm names) or a model <c>.zip</c> saved by the toolkit.
    /// </summary>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="InvalidDataException">Another kind of file, or a broken one; names it.</exception>
    public static WeightSet Read(string path)
    {
        if (ImageNetWeights.IsName(path)) return ImageNetWeights.Read();
        if (!File.Exists(path)) throw new FileNotFoundException($"Weights file '{path}' does not exist. Pretrained weights are read from local files only: give a .safetensors file or a model .zip.", path);
        return Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".safetensors" => SafetensorsFile.Read(path),
            ".zip" => ToolkitModelWeights.Read(path),
            _ => throw new InvalidDataException($"'{path}' is neither a .safetensors file nor a model .zip; those are the weight formats the toolkit reads."),
        };
    }

    /// <summary>The file holding <paramref name="weights"/> (a path, or the built-in weights' network file), for content keys.</summary>
    public static string FileOf(string weights) => ImageNetWeights.IsName(weights) ? ImageNetWeights.NetworkPath : weights;

    /// <summary>Copies <paramref name="weights"/> into <paramref name="model"/> (built as <paramref name="modelName"/> for <paramref name="classNames"/>).</summary>
    /// <exception cref="InvalidDataException">The weights belong to another model, or a tensor is missing, unexpected or of another shape (named, with both shapes).</exception>
    public static WeightLoadReport LoadInto(ImageClassifierModule model, string modelName, WeightSet weights, IReadOnlyList<string> classNames)
    {
        // The same head shape is not the same head: five other classes would start from confidently wrong answers.
        bool sameClasses = weights.Metadata.TryGetValue(ClassesKey, out var savedClasses) && savedClasses == string.Join("\n", classNames);
        if (weights.Metadata.TryGetValue(ModelKey, out var savedModel) && !SameModel(savedModel, modelName))
            throw new InvalidDataException($"'{weights.Source}' holds a '{savedModel}' model, but the pipeline trains '{modelName}'. Set the model to '{savedModel}' or use weights of a '{modelName}'.");
        var targets = model.state_dict().Where(p => !p.Key.EndsWith(BatchCounterSuffix, StringComparison.Ordinal)).ToDictionary();
        CheckNames(model, modelName, weights, targets);

        var adapted = new List<string>();
        bool headReplaced = false;
        int loaded = 0;
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        foreach (var (name, target) in targets)
        {
            if (model.IsHeadTensor(name) && !(sameClasses && weights.ContainsKey(name)))
            {
                // A new head starts at zero (Big Transfer's choice): every class equally likely, so the first steps learn the
                // new classes instead of undoing a random head's confident guesses.
                target.zero_();
                headReplaced = true;
                continue;
            }
            var source = weights[name]; // CheckNames let only head tensors be missing
            if (source.Shape.SequenceEqual(target.shape))
                target.copy_(tensor(source.Values).reshape(source.Shape));
            else if (name == ResNet.InputOffsetName)
            {
                // A per-pixel offset made for one input size, brought to the model's (exact at its own size).
                target.copy_(nn.functional.interpolate(tensor(source.Values).reshape(source.Shape), [target.shape[2], target.shape[3]],
                    mode: InterpolationMode.Bilinear, align_corners: false));
                adapted.Add(name);
            }
            else if (ChannelAdaptation.Applies(source.Shape, target.shape))
            {
                target.copy_(ChannelAdaptation.Adapt(tensor(source.Values).reshape(source.Shape), target.shape[1]));
                adapted.Add(name);
            }
            else
                throw new InvalidDataException($"'{weights.Source}': tensor '{name}' is [{string.Join(", ", source.Shape)}] but {modelName} needs " +
                    $"[{string.Join(", ", target.shape)}]. Are these weights of a {modelName}?");
            loaded++;
        }
        return new WeightLoadReport(weights.Source, loaded, adapted, headReplaced);
    }

    // Names compared through the registry, so an alias (resnet8) and its model (resnet8-cifar) are the same model.
    private static bool SameModel(string saved, string wanted)
    {
        var registry = ModelRegistry.Default;
        return registry.Contains(saved) && registry.Contains(wanted)
            ? registry.Resolve(saved) == registry.Resolve(wanted)
            : string.Equals(saved, wanted, StringComparison.OrdinalIgnoreCase);
    }

    // Every backbone tensor must be there, and nothing else may be (a safetensors file of another architecture shows here);
    // a toolkit .zip also holds the graph's own constants, which are not the model's tensors.
    private static void CheckNames(ImageClassifierModule model, string modelName, WeightSet weights, Dictionary<string, Tensor> targets)
    {
        var missing = targets.Keys.Where(name => !weights.ContainsKey(name) && !model.IsHeadTensor(name)).ToList();
        if (missing.Count > 0)
            throw new InvalidDataException($"'{weights.Source}' lacks tensor '{missing[0]}' [{string.Join(", ", targets[missing[0]].shape)}] that {modelName} needs" +
                (missing.Count > 1 ? $" (and {missing.Count - 1} more)" : "") + $". Are these weights of a {modelName}? Its tensors are named as torchvision names them.");
        if (weights.Metadata.ContainsKey(ModelKey)) return;
        var unexpected = weights.Keys.Where(name => !targets.ContainsKey(name) && !name.EndsWith(BatchCounterSuffix, StringComparison.Ordinal)).ToList();
        if (unexpected.Count > 0)
            throw new InvalidDataException($"'{weights.Source}' holds tensor '{unexpected[0]}' [{string.Join(", ", weights[unexpected[0]].Shape)}] that {modelName} does not have" +
                (unexpected.Count > 1 ? $" (and {unexpected.Count - 1} more)" : "") + $". Are these weights of a {modelName}?");
    }
}
