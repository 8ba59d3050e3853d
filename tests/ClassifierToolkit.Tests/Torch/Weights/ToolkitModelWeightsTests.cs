using System.Buffers.Binary;
using System.IO.Compression;
using ClassifierToolkit.Data;
using ClassifierToolkit.Prediction;
using ClassifierToolkit.Preprocessing;
using ClassifierToolkit.Tests.Support;
using ClassifierToolkit.Torch.Export;
using ClassifierToolkit.Onnx.Proto;
using ClassifierToolkit.Torch.Models;
using ClassifierToolkit.Torch.Models.Registry;
using ClassifierToolkit.Torch.Weights;
using ClassifierToolkit.Weights;
using Google.Protobuf;
using Microsoft.ML;
using Microsoft.ML.Data;
using static TorchSharp.torch;

namespace ClassifierToolkit.Tests.Torch.Weights;

public class ToolkitModelWeightsTests
{
    private static readonly InputShape Shape = new(1, 28, 28, [0.2860f], [0.3530f]);

    public static TheoryData<string> RegisteredModels()
    {
        var data = new TheoryData<string>();
        foreach (var name in ModelRegistry.Default.Names) data.Add(name);
        return data;
    }

    // Saved as the trainer saves: the ONNX network (with the trainer's metadata) behind the serving chain and preprocessing.
    private static string Save(ImageClassifierModule model, string name)
    {
        var onnx = OnnxExporter.Export(model, Shape, new Dictionary<string, string>
        {
            ["ctk.model"] = name,
            ["ctk.classes"] = string.Join("\n", FashionMnist.ClassNames),
        });
        var mlContext = new MLContext(1);
        var scorer = ServingChain.Create(mlContext, onnx, FashionMnist.ClassNames, Shape);
        var path = Path.Combine(TestPaths.NewTempFolder(), $"{name}.zip");
        SavedClassifier.Save(mlContext, new TransformerChain<ITransformer>(ImagePreprocessing.Fit(mlContext, Shape), scorer), path);
        return path;
    }

    // No weight keeps its initial value (BatchNorm's ones and zeros), so a mix-up between tensors cannot go unnoticed.
    private static void Perturb(ImageClassifierModule model)
    {
        using (no_grad())
        {
            OnnxParity.Perturb(model);
            foreach (var (_, buffer) in model.named_buffers())
                if (buffer.dtype == ScalarType.Float32) buffer.add_(rand_like(buffer).mul_(0.1));
        }
    }

    private static IEnumerable<KeyValuePair<string, Tensor>> Weights(ImageClassifierModule model) =>
        model.state_dict().Where(p => !p.Key.EndsWith("num_batches_tracked", StringComparison.Ordinal));

    [Theory]
    [MemberData(nameof(RegisteredModels))]
    public void Read_SavedModel_HoldsEveryParameterAndBufferWithItsShapeAndValues(string name)
    {
        using var model = SeededModelFactory.Create(name, new ModelOptions(FashionMnist.ClassNames.Count, Shape), seed: 5);
        Perturb(model);

        var weights = ToolkitModelWeights.Read(Save(model, name));

        foreach (var (key, tensor) in Weights(model))
        {
            Assert.True(weights.TryGetValue(key, out var read), $"{name}: '{key}' is missing; read {string.Join(", ", weights.Keys)}");
            Assert.Equal(tensor.shape, read.Shape);
            Assert.True(OnnxLayers.Values(tensor).AsSpan().SequenceEqual(read.Values), $"{name}: '{key}' has other values");
        }
        Assert.Equal(name, weights.Metadata["ctk.model"]);
        Assert.Equal(FashionMnist.ClassNames, weights.Metadata["ctk.classes"].Split('\n'));
    }

    [Theory]
    [InlineData("cnn")]
    [InlineData("resnet8")]
    public void Read_SavedModel_HoldsTheModuleWeightsAndTheInputNormalizationOnly(string name)
    {
        using var model = SeededModelFactory.Create(name, new ModelOptions(FashionMnist.ClassNames.Count, Shape), seed: 5);

        var weights = ToolkitModelWeights.Read(Save(model, name));

        Assert.Equal(Weights(model).Select(p => p.Key).Append("normalize.mean").Append("normalize.std").Order(StringComparer.Ordinal),
            weights.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(new WeightTensor([1, 1, 1, 1], [0.2860f]), weights["normalize.mean"]);
    }

    [Fact]
    public void Read_NetworkWithFloatDataAndIntegerInitializers_KeepsTheFloatsOnly()
    {
        var graph = new GraphProto();
        var floatData = new TensorProto { Name = "head.weight", DataType = (int)TensorProto.Types.DataType.Float };
        floatData.Dims.AddRange([2, 1]);
        floatData.FloatData.AddRange([0.5f, -1f]);
        var int64 = new TensorProto { Name = "reshape.shape", DataType = (int)TensorProto.Types.DataType.Int64 };
        int64.Dims.Add(2);
        int64.Int64Data.AddRange([0, -1]);
        graph.Initializer.AddRange([floatData, int64]);
        var model = new ModelProto { Graph = graph };
        model.MetadataProps.Add(new StringStringEntryProto { Key = "ctk.model", Value = "hand-built" });

        var weights = ToolkitModelWeights.Read(Zip(("OnnxModel", Framed(model.ToByteArray()))));

        Assert.Equal(["head.weight"], weights.Keys);
        Assert.Equal(new WeightTensor([2, 1], [0.5f, -1f]), weights["head.weight"]);
        Assert.Equal("hand-built", weights.Metadata["ctk.model"]);
    }

    [Fact]
    public void Read_MissingFile_ThrowsFileNotFoundNamingIt()
    {
        var error = Assert.Throws<FileNotFoundException>(() => ToolkitModelWeights.Read("/no/such/model.zip"));
        Assert.Contains("/no/such/model.zip", error.Message);
    }

    [Fact]
    public void Read_NotAZip_SaysSo()
    {
        var path = Path.Combine(TestPaths.NewTempFolder(), "model.zip");
        File.WriteAllText(path, "not a zip");
        var error = Assert.Throws<InvalidDataException>(() => ToolkitModelWeights.Read(path));
        Assert.Contains($"'{path}' is not a zip file", error.Message);
    }

    [Fact]
    public void Read_ZipWithoutOnnxNetwork_SaysItIsNotAToolkitModel()
    {
        var path = Zip(("readme.txt", "hello"u8.ToArray()));
        var error = Assert.Throws<InvalidDataException>(() => ToolkitModelWeights.Read(path));
        Assert.Contains($"'{path}' has no ONNX network", error.Message);
        Assert.Contains("not a model saved by ClassifierToolkit", error.Message);
    }

    [Fact]
    public void Read_UnparsableOnnxNetwork_SaysItIsDamaged()
    {
        // Bytes that are not a protobuf message: field number 0 does not exist.
        var path = Zip(("TransformerChain/Model_000/OnnxModel", Framed([0x00, 0x00, 0x00])));
        var error = Assert.Throws<InvalidDataException>(() => ToolkitModelWeights.Read(path));
        Assert.Contains($"'{path}': its ONNX network cannot be parsed", error.Message);
    }

    // ML.NET stores the network as a byte array: a little-endian int32 length, then the bytes.
    private static byte[] Framed(byte[] onnx)
    {
        var stored = new byte[4 + onnx.Length];
        BinaryPrimitives.WriteInt32LittleEndian(stored, onnx.Length);
        onnx.CopyTo(stored, 4);
        return stored;
    }

    private static string Zip(params (string Name, byte[] Bytes)[] entries)
    {
        var path = Path.Combine(TestPaths.NewTempFolder(), "model.zip");
        using var archive = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var (name, bytes) in entries)
        {
            using var stream = archive.CreateEntry(name).Open();
            stream.Write(bytes);
        }
        return path;
    }
}
