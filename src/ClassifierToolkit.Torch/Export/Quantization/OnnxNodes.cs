using ClassifierToolkit.Torch.Export.Onnx.Proto;

namespace ClassifierToolkit.Torch.Export.Quantization;

/// <summary>The nodes quantization adds to a graph.</summary>
internal static class OnnxNodes
{
    /// <summary>A node with one output and, when given, an <c>axis</c> attribute.</summary>
    public static NodeProto Node(string op, string name, string[] inputs, string output, int? axis = null)
    {
        var node = new NodeProto { OpType = op, Name = name };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        if (axis is { } a) node.Attribute.Add(new AttributeProto { Name = "axis", I = a, Type = AttributeProto.Types.AttributeType.Int });
        return node;
    }

    /// <summary>A Transpose of <paramref name="input"/> by <paramref name="permutation"/>.</summary>
    public static NodeProto Transpose(string name, string input, string output, params long[] permutation)
    {
        var node = Node("Transpose", name, [input], output);
        var perm = new AttributeProto { Name = "perm", Type = AttributeProto.Types.AttributeType.Ints };
        perm.Ints.AddRange(permutation);
        node.Attribute.Add(perm);
        return node;
    }
}
