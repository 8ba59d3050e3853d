using ClassifierToolkit.Preprocessing;
using ClassifierToolkit.Tests.Support;
using ClassifierToolkit.Torch.Export;
using ClassifierToolkit.Onnx.Quantization;
using ClassifierToolkit.Torch.Models;
using ClassifierToolkit.Torch.Models.Registry;
using ClassifierToolkit.Torch.Transfer;
using ClassifierToolkit.Torch.Transfer.ImageNet;
using Microsoft.ML.OnnxRuntime;
using DenseTensor = Microsoft.ML.OnnxRuntime.Tensors.DenseTensor<float>;
using static TorchSharp.torch;

namespace ClassifierToolkit.Tests.Torch.Transfer;

/// <summary>The built-in ImageNet weights: read from ML.NET's package, they must compute what the package's own ONNX models compute.</summary>
public class ImageNetWeightsTests
{
    private static readonly string[] Classes = ["a", "b"];
    private static readonly InputShape Input224 = new(3, 224, 224, ImageNetWeights.Mean, ImageNetWeights.Std);

    [Fact]
    public void Features_EqualThePackagesPreprocessingAndNetworkRunByOnnxRuntime()
    {
        using var model = LoadedModel(Input224);
        using var pixels = Images(3, 224);
        float[] ours;
        using (var normalization = new InputNormalization(Input224, CPU))
        using (no_grad())
        using (var features = model.ForwardFeatures(normalization.Apply(pixels)))
            ours = OnnxLayers.Values(features);

        var folder = Path.GetDirectoryName(Path.GetDirectoryName(ImageNetWeights.NetworkPath))!;
        using var preprocess = new InferenceSession(Path.Combine(folder, ImageNetWeights.PreprocessFile));
        using var network = new InferenceSession(ImageNetWeights.NetworkPath);
        int perImage = 3 * 224 * 224;
        var all = OnnxLayers.Values(pixels);
        float largest = 0;
        for (int n = 0; n < 3; n++)
        {
            var original = all.Skip(n * perImage).Take(perImage).Select(v => v * 255f).ToArray(); // planar RGB, 0–255, as ML.NET gives it
            using var prepared = preprocess.Run([NamedOnnxValue.CreateFromTensor("OriginalInput", new DenseTensor(original, [1, 3, 224, 224]))]);
            var bgrMinusMean = prepared.Single().AsEnumerable<float>().ToArray();
            using var output = network.Run([NamedOnnxValue.CreateFromTensor(network.InputMetadata.Keys.Single(), new DenseTensor(bgrMinusMean, [1, 3, 224, 224]))]);
            var theirs = output.Single().AsEnumerable<float>().ToArray();
            Assert.Equal(512, theirs.Length);
            for (int f = 0; f < 512; f++) largest = Math.Max(largest, Math.Abs(ours[n * 512 + f] - theirs[f]));
            Assert.True(theirs.Max() > 0.1f, "features of a real network are not all near zero");
        }
        Assert.True(largest <= 1e-4f, $"max |ours − package| = {largest}");
    }

    [Fact]
    public void ExportedNetwork_ComputesWhatTorchSharpComputes_WithTheMeanImageInTheGraph()
    {
        using var model = LoadedModel(Input224);
        using var pixels = Images(2, 224);
        Assert.True(OnnxParity.MaxDifference(model, Input224, pixels) < 1e-3f);
        Assert.Empty(OnnxParity.MissingInitializers(model, Input224));
    }

    [Fact]
    public void Int8_QuantizesTheBackbone_BehindItsInputOffset_AndKeepsItsLogits()
    {
        var shape = new InputShape(3, 32, 32, ImageNetWeights.Mean, ImageNetWeights.Std);
        using var model = LoadedModel(shape);
        using (no_grad()) model.named_parameters().Single(p => p.name == "fc.weight").parameter.normal_(0, 0.05);
        var onnx = OnnxExporter.Export(model, shape);
        using var images = Images(16, 32);
        var pixels = OnnxLayers.Values(images);

        var quantized = Int8Quantizer.Quantize(onnx, [(pixels, 16)], [3, 32, 32]);

        Assert.Contains("layer4.2.conv2", quantized.QuantizedNodes);
        var expected = Logits(onnx, pixels);
        var actual = Logits(quantized.OnnxModel, pixels);
        TensorAssert.SameDirection(expected, actual, 0.95, "int8 logits and fp32's");
    }

    [Fact]
    public void OtherSizes_GetTheMeanImageResized()
    {
        var shape = new InputShape(3, 160, 160, ImageNetWeights.Mean, ImageNetWeights.Std);
        using var model = LoadedModel(shape);
        var offset = model.named_buffers().Single(b => b.name == ClassifierToolkit.Torch.Models.ResNet.ResNet.InputOffsetName).buffer;
        Assert.Equal([1L, 3, 160, 160], offset.shape);
        // The offset is the mean image less its channel averages: centred, and not all zero.
        Assert.True(offset.abs().max().item<float>() > 1f);
        Assert.True(Math.Abs(offset.mean().item<float>()) < 1f);
    }

    [Fact]
    public void RegisteredModel_IsNotTorchvisionsResNet18_AndNamesItsWeights()
    {
        var card = ModelRegistry.Default.CardOf(ImageNetWeights.ModelName);
        Assert.Contains(ImageNetWeights.Package, card.BuiltInWeights);
        var weights = ImageNetWeights.Read();
        Assert.Equal(15_908_800 + 3 * 224 * 224, weights.Values.Sum(t => t.ElementCount));
        Assert.Contains("layer4.2.conv2.weight", weights.Keys);
        Assert.Equal(ImageNetWeights.ModelName, WeightsModel.Identify(weights));
        Assert.Throws<InvalidDataException>(() => PretrainedWeights.LoadInto(
            ModelRegistry.Default.Create("resnet18", new ModelOptions(2, new InputShape(3, 224, 224))), "resnet18", weights, Classes));
    }

    [Fact]
    public void MissingFile_IsNamedWithHowToRestoreIt()
    {
        var empty = Directory.CreateTempSubdirectory("ctk-imagenet-").FullName;
        var error = Assert.Throws<FileNotFoundException>(() => ImageNetWeights.Read([empty]));
        Assert.Contains("ResNet18.onnx", error.Message);
        Assert.Contains(ImageNetWeights.Package, error.Message);
        Assert.Contains("dotnet restore", error.Message);
    }

    [Fact]
    public void AlteredFile_IsRefusedByName()
    {
        var folder = Directory.CreateTempSubdirectory("ctk-imagenet-").FullName;
        var source = Path.GetDirectoryName(Path.GetDirectoryName(ImageNetWeights.NetworkPath))!;
        foreach (var file in new[] { ImageNetWeights.NetworkFile, ImageNetWeights.PreprocessFile })
        {
            var target = Path.Combine(folder, file);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(Path.Combine(source, file), target);
        }
        var altered = Path.Combine(folder, ImageNetWeights.NetworkFile);
        using (var stream = File.Open(altered, FileMode.Open)) stream.SetLength(stream.Length - 1000);
        var error = Assert.Throws<InvalidDataException>(() => ImageNetWeights.Read([folder]));
        Assert.Contains(altered, error.Message);
        Assert.Contains("altered or truncated", error.Message);
    }

    private static float[] Logits(byte[] onnx, float[] pixels)
    {
        using var session = new InferenceSession(onnx);
        var input = new DenseTensor(pixels, [pixels.Length / (3 * 32 * 32), 3, 32, 32]);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor(session.InputMetadata.Keys.Single(), input)]);
        return results.Single(r => r.Name == ColumnNames.Logits).AsEnumerable<float>().ToArray();
    }

    private static ImageClassifierModule LoadedModel(InputShape shape)
    {
        var model = ModelRegistry.Default.Create(ImageNetWeights.ModelName, new ModelOptions(Classes.Length, shape));
        PretrainedWeights.LoadInto(model, ImageNetWeights.ModelName, PretrainedWeights.Read(ImageNetWeights.Name), Classes);
        model.eval();
        return model;
    }

    // Pictures rather than noise: smooth colour gradients with a little texture, values in [0, 1].
    private static Tensor Images(int count, int side)
    {
        var generator = new TorchSharp.torch.Generator(7);
        var ramp = linspace(0, 1, side);
        var rows = ramp.reshape(1, 1, side, 1).expand(count, 1, side, side);
        var columns = ramp.reshape(1, 1, 1, side).expand(count, 1, side, side);
        var colour = cat([rows, columns, (rows + columns) / 2], 1);
        return (colour * 0.8 + rand([count, 3, side, side], generator: generator) * 0.2).clamp(0, 1);
    }
}
