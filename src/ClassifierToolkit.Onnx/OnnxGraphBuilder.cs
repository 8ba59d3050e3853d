using ClassifierToolkit.Onnx.Proto;
using Google.Protobuf;

namespace ClassifierToolkit.Onnx;

/// <summary>
/// Accumulates ONNX nodes and initializers while modules describe themselves, then serializes a
/// <c>ModelProto</c>. Names are made unique by the caller's prefixes (the module's parameter names).
/// </summary>
public sealed class OnnxGraphBuilder
{
    /// <summary>The opset the exporter targets: 17 brings LayerNormalization.</summary>
    public const int OpsetVersion = 17;
    private const long IrVersion = 8;

    private readonly GraphProto _graph = new() { Name = "classifier" };
    private int _nextAnonymous;

    /// <summary>Returns a fresh tensor name under <paramref name="prefix"/>.</summary>
    public string Unique(string prefix) => $"{prefix}_{_nextAnonymous++}";

    /// <summary>Declares a float graph input; <c>null</c> dimensions are symbolic (the batch).</summary>
    public void AddInput(string name, params long?[] dims) => _graph.Input.Add(ValueInfo(name, OnnxElementType.Float, dims));

    /// <summary>Declares a graph output of the given element type.</summary>
    public void AddOutput(string name, OnnxElementType type, params long?[] dims) => _graph.Output.Add(ValueInfo(name, type, dims));

    /// <summary>Adds a float initializer (a weight) and returns its name.</summary>
    public string AddInitializer(string name, float[] values, params long[] dims)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float };
        tensor.Dims.AddRange(dims);
        var raw = new byte[values.Length * sizeof(float)];
        Buffer.BlockCopy(values, 0, raw, 0, raw.Length);
        tensor.RawData = ByteString.CopyFrom(raw);
        _graph.Initializer.Add(tensor);
        return name;
    }

    /// <summary>Adds an int64 initializer (shapes, axes) and returns its name.</summary>
    public string AddInt64Initializer(string name, long[] values, params long[] dims)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Int64 };
        tensor.Dims.AddRange(dims);
        tensor.Int64Data.AddRange(values);
        _graph.Initializer.Add(tensor);
        return name;
    }

    /// <summary>Adds a string initializer (class names) and returns its name.</summary>
    public string AddStringInitializer(string name, IReadOnlyList<string> values)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.String };
        tensor.Dims.Add(values.Count);
        tensor.StringData.AddRange(values.Select(ByteString.CopyFromUtf8));
        _graph.Initializer.Add(tensor);
        return name;
    }

    /// <summary>Adds a node with one output and returns that output's name.</summary>
    public string AddNode(string opType, string[] inputs, string output, params OnnxAttribute[] attributes)
    {
        var node = new NodeProto { OpType = opType, Name = output };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        foreach (var attribute in attributes) node.Attribute.Add(attribute.ToProto());
        _graph.Node.Add(node);
        return output;
    }

    /// <summary>Serializes the model; <paramref name="metadata"/> lands in <c>metadata_props</c>.</summary>
    public byte[] ToBytes(IReadOnlyDictionary<string, string>? metadata = null)
    {
        var model = new ModelProto
        {
            IrVersion = IrVersion,
            ProducerName = "ClassifierToolkit",
            ProducerVersion = typeof(OnnxGraphBuilder).Assembly.GetName().Version?.ToString() ?? "0",
            Graph = _graph,
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = OpsetVersion });
        if (metadata is not null)
            foreach (var (key, value) in metadata) model.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
        return model.ToByteArray();
    }

    private static ValueInfoProto ValueInfo(string name, OnnxElementType type, long?[] dims)
    {
        var shape = new TensorShapeProto();
        foreach (var dim in dims)
            shape.Dim.Add(dim is { } value ? new TensorShapeProto.Types.Dimension { DimValue = value } : new TensorShapeProto.Types.Dimension { DimParam = "batch" });
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = shape } },
        };
    }
}
