using ClassifierToolkit.Onnx.Proto;

namespace ClassifierToolkit.Onnx.Quantization;

/// <summary>Reading a graph's nodes (attributes, who reads a tensor) and making the nodes quantization adds.</summary>
internal static class OnnxNodes
{
    /// <summary>An int attribute, <paramref name="absent"/> (the operator's default) when not given.</summary>
    public static long Int(NodeProto node, string name, long absent = 0) => node.Attribute.FirstOrDefault(a => a.Name == name)?.I ?? absent;

    /// <summary>A float attribute, 1 when absent.</summary>
    public static float Float(NodeProto node, string name) => node.Attribute.FirstOrDefault(a => a.Name == name) is { } a ? a.F : 1f;

    /// <summary>The one node that reads <paramref name="tensor"/>, as its first input, when it is one of <paramref name="ops"/>
    /// and the tensor is not also a graph output; otherwise null.</summary>
    public static NodeProto? OnlyConsumer(GraphProto graph, string tensor, params string[] ops) =>
        graph.Output.All(o => o.Name != tensor) && graph.Node.Where(n => n.Input.Contains(tensor)).ToList() is [var only] &&
        ops.Contains(only.OpType) && only.Input[0] == tensor ? only : null;

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
