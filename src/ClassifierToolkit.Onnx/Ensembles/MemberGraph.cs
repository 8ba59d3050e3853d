using ClassifierToolkit.Onnx.Proto;
using ClassifierToolkit.Onnx.Quantization;

namespace ClassifierToolkit.Onnx.Ensembles;

/// <summary>
/// One member network copied into an ensemble's graph, once per view of the input, with every name it holds prefixed so
/// that nothing clashes: its weights and its view of the input itself under <c>m{k}/</c>, its view of the flipped input
/// under <c>m{k}f/</c>. The prefixes differ in a fixed position, so no member name can make two of them equal; the member's
/// weights are added once and shared by both views, so test-time augmentation doubles the work, not the file.
/// </summary>
internal sealed class MemberGraph
{
    // Operators holding subgraphs, whose inner names the renaming would not reach (the proto subset does not even read them).
    private static readonly string[] SubgraphOperators = ["If", "Loop", "Scan"];

    private readonly GraphProto _source;
    private readonly HashSet<string> _initializers;
    private readonly int _index;

    /// <summary>Reads member <paramref name="index"/>'s graph.</summary>
    /// <exception cref="InvalidDataException">Not one float input and one output; names the member.</exception>
    /// <exception cref="UnsupportedGraphException">A node holding a subgraph; names it.</exception>
    public MemberGraph(ModelProto model, int index, string name)
    {
        _source = model.Graph ?? throw new InvalidDataException($"'{name}': its ONNX network has no graph.");
        _initializers = [.. _source.Initializer.Select(i => i.Name)];
        _index = index;
        // Older exporters also list initializers as graph inputs; the pixels are the one input that is not a weight.
        var inputs = _source.Input.Where(i => !_initializers.Contains(i.Name)).ToList();
        if (inputs.Count != 1 || _source.Output.Count != 1)
            throw new InvalidDataException($"'{name}': its ONNX network has {inputs.Count} inputs and {_source.Output.Count} outputs; " +
                "a toolkit classifier's network has one of each (pixels in, logits out).");
        Input = inputs[0];
        Output = _source.Output[0];
        if (_source.Node.FirstOrDefault(n => SubgraphOperators.Contains(n.OpType) || n.Attribute.Any(a => a.Type == AttributeProto.Types.AttributeType.Graph)) is { } nested)
            throw new UnsupportedGraphException(nested.Name, $"'{name}': node '{nested.Name}' ({nested.OpType}) holds a subgraph, which the ensemble cannot rename; " +
                "ensembles take networks exported by the toolkit.");
    }

    /// <summary>The member's pixel input, as it declares it.</summary>
    public ValueInfoProto Input { get; }

    /// <summary>The member's logits output, as it declares it.</summary>
    public ValueInfoProto Output { get; }

    /// <summary>Adds the member's weights, renamed, to <paramref name="target"/>.</summary>
    public void AddInitializers(GraphProto target)
    {
        foreach (var initializer in _source.Initializer)
        {
            var copy = initializer.Clone();
            copy.Name = Prefix(flipped: false) + initializer.Name;
            target.Initializer.Add(copy);
        }
    }

    /// <summary>Adds the member's nodes reading <paramref name="input"/> (the ensemble's pixels, or their flipped copy)
    /// to <paramref name="target"/> and returns the name of the logits they compute.</summary>
    public string AddView(GraphProto target, string input, bool flipped)
    {
        string Rename(string name) => name.Length == 0 ? name // an omitted optional input stays omitted
            : name == Input.Name ? input
            : _initializers.Contains(name) ? Prefix(flipped: false) + name
            : Prefix(flipped) + name;
        for (int i = 0; i < _source.Node.Count; i++)
        {
            var node = _source.Node[i];
            var copy = node.Clone();
            copy.Name = Prefix(flipped) + (node.Name.Length > 0 ? node.Name : $"{node.OpType}_{i}");
            copy.Input.Clear();
            copy.Input.AddRange(node.Input.Select(Rename));
            copy.Output.Clear();
            copy.Output.AddRange(node.Output.Select(Rename));
            target.Node.Add(copy);
        }
        foreach (var info in _source.ValueInfo.Where(v => v.Name != Input.Name && !_initializers.Contains(v.Name)))
        {
            var copy = info.Clone();
            copy.Name = Rename(info.Name);
            target.ValueInfo.Add(copy);
        }
        return Rename(Output.Name);
    }

    private string Prefix(bool flipped) => flipped ? $"m{_index}f/" : $"m{_index}/";
}
