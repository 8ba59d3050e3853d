using ClassifierToolkit.Onnx.Proto;
using ClassifierToolkit.Torch.Models.ResNet;
using ClassifierToolkit.Weights;

namespace ClassifierToolkit.Torch.Transfer.ImageNet;

/// <summary>
/// Reads the weights of a ResNet exported to ONNX by CNTK (the graph ML.NET's DnnImageFeaturizer packages ship) and names
/// them as torchvision does, by walking the graph rather than trusting CNTK's generated names (<c>ParameterN</c>,
/// <c>ConstantN</c>): convolutions are taken in graph order (which their data dependencies fix), the stem by its 7×7
/// kernel, the blocks' 3×3 convolutions in pairs, the 1×1 projections in stage order; each BatchNormalization is found
/// as the consumer of its convolution and reads scale, bias, mean and variance.
/// </summary>
internal static class CntkResNetGraph
{
    private const float ExpectedEpsilon = 1e-5f;

    /// <summary>The torchvision-named tensors of <paramref name="path"/>'s ResNet with <paramref name="layout"/>.</summary>
    /// <exception cref="InvalidDataException">The file is not an ONNX ResNet of that layout; names the file and what differs.</exception>
    public static Dictionary<string, WeightTensor> Read(string path, ResNetLayout layout)
    {
        var graph = Load(path).Graph ?? throw Broken(path, "it holds no graph");
        var initializers = graph.Initializer.ToDictionary(t => t.Name, StringComparer.Ordinal);
        var convs = graph.Node.Where(n => n.OpType == "Conv").ToList();
        var stem = convs.Where(n => KernelOf(n) == 7).ToList();
        var blockConvs = convs.Where(n => KernelOf(n) == 3).ToList();
        var projections = convs.Where(n => KernelOf(n) == 1).ToList();
        int expectedBlockConvs = layout.Blocks.Sum() * 2;
        int expectedProjections = Enumerable.Range(0, layout.StageCount).Count(s => layout.Strides[s] != 1 || (s > 0 && layout.Widths[s] != layout.Widths[s - 1]));
        if (stem.Count != 1 || blockConvs.Count != expectedBlockConvs || projections.Count != expectedProjections)
            throw Broken(path, $"it has {stem.Count} 7×7, {blockConvs.Count} 3×3 and {projections.Count} 1×1 convolutions where a ResNet with " +
                $"blocks {string.Join("/", layout.Blocks)} has 1, {expectedBlockConvs} and {expectedProjections}");

        var names = new List<(NodeProto Conv, string ConvName, string NormName)>();
        names.Add((stem[0], "conv1", "bn1"));
        int next = 0, projection = 0;
        for (int s = 0; s < layout.StageCount; s++)
            for (int b = 0; b < layout.Blocks[s]; b++)
            {
                string block = $"layer{s + 1}.{b}";
                names.Add((blockConvs[next++], $"{block}.conv1", $"{block}.bn1"));
                names.Add((blockConvs[next++], $"{block}.conv2", $"{block}.bn2"));
                if (b == 0 && s > 0) names.Add((projections[projection++], $"{block}.downsample.0", $"{block}.downsample.1"));
            }

        var tensors = new Dictionary<string, WeightTensor>(StringComparer.Ordinal);
        foreach (var (conv, convName, normName) in names)
        {
            if (conv.Input.Count != 2) throw Broken(path, $"convolution '{conv.Name}' has a bias or no weight; torchvision's ResNet convolutions have a weight only");
            tensors[$"{convName}.weight"] = Tensor(path, initializers, conv.Input[1]);
            var norm = graph.Node.SingleOrDefault(n => n.OpType == "BatchNormalization" && n.Input[0] == conv.Output[0])
                ?? throw Broken(path, $"the output of convolution '{conv.Name}' does not go to a BatchNormalization");
            var epsilon = norm.Attribute.FirstOrDefault(a => a.Name == "epsilon")?.F ?? ExpectedEpsilon;
            if (Math.Abs(epsilon - ExpectedEpsilon) > 1e-9f)
                throw Broken(path, $"BatchNormalization '{norm.Name}' has epsilon {epsilon}; the toolkit's ResNet uses {ExpectedEpsilon}");
            tensors[$"{normName}.weight"] = Tensor(path, initializers, norm.Input[1]);
            tensors[$"{normName}.bias"] = Tensor(path, initializers, norm.Input[2]);
            tensors[$"{normName}.running_mean"] = Tensor(path, initializers, norm.Input[3]);
            tensors[$"{normName}.running_var"] = Tensor(path, initializers, norm.Input[4]);
        }
        return tensors;
    }

    /// <summary>One initializer of <paramref name="path"/> by name, as a float tensor.</summary>
    /// <exception cref="InvalidDataException">No such float initializer.</exception>
    public static WeightTensor Initializer(string path, string name)
    {
        var graph = Load(path).Graph ?? throw Broken(path, "it holds no graph");
        return Tensor(path, graph.Initializer.ToDictionary(t => t.Name, StringComparer.Ordinal), name);
    }

    private static ModelProto Load(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return ModelProto.Parser.ParseFrom(stream);
        }
        catch (Google.Protobuf.InvalidProtocolBufferException e)
        {
            throw Broken(path, $"it is not a readable ONNX model ({e.Message})");
        }
    }

    private static long KernelOf(NodeProto conv) => conv.Attribute.FirstOrDefault(a => a.Name == "kernel_shape")?.Ints.FirstOrDefault() ?? 0;

    private static WeightTensor Tensor(string path, Dictionary<string, TensorProto> initializers, string name)
    {
        if (!initializers.TryGetValue(name, out var proto) || proto.DataType != (int)TensorProto.Types.DataType.Float)
            throw Broken(path, $"its tensor '{name}' is missing or not float");
        var values = proto.FloatData.Count > 0 ? proto.FloatData.ToArray() : FromRaw(proto.RawData.Span);
        try
        {
            return new WeightTensor([.. proto.Dims], values);
        }
        catch (ArgumentException e)
        {
            throw Broken(path, $"its tensor '{name}' is damaged ({e.Message})");
        }
    }

    private static float[] FromRaw(ReadOnlySpan<byte> raw) => System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(raw).ToArray();

    private static InvalidDataException Broken(string path, string what) =>
        new($"'{path}' is not the ImageNet ResNet the toolkit expects: {what}. Restore the package it came from (dotnet restore), or delete the file so it is restored again.");
}
