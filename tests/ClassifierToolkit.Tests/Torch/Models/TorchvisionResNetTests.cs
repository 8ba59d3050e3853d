using System.Globalization;
using ClassifierToolkit.Pipelines;
using ClassifierToolkit.Preprocessing;
using ClassifierToolkit.Tests.Support;
using ClassifierToolkit.Torch.Models;
using ClassifierToolkit.Torch.Models.Registry;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ClassifierToolkit.Tests.Torch.Models;

/// <summary>The torchvision-layout ResNets: their tensors must be torchvision's, name for name and shape for shape, so its weights load.</summary>
public class TorchvisionResNetTests
{
    private static readonly ModelOptions ImageNet = new(1000, new InputShape(3, 224, 224));

    /// <summary>
    /// torchvision's <c>resnet18().state_dict()</c>, in its order. A line <c>name C</c> is a BatchNorm: its weight, bias,
    /// running_mean and running_var [C] and num_batches_tracked [].
    /// </summary>
    private const string ResNet18StateDict = """
        conv1.weight 64 3 7 7
        bn1 64
        layer1.0.conv1.weight 64 64 3 3
        layer1.0.bn1 64
        layer1.0.conv2.weight 64 64 3 3
        layer1.0.bn2 64
        layer1.1.conv1.weight 64 64 3 3
        layer1.1.bn1 64
        layer1.1.conv2.weight 64 64 3 3
        layer1.1.bn2 64
        layer2.0.conv1.weight 128 64 3 3
        layer2.0.bn1 128
        layer2.0.conv2.weight 128 128 3 3
        layer2.0.bn2 128
        layer2.0.downsample.0.weight 128 64 1 1
        layer2.0.downsample.1 128
        layer2.1.conv1.weight 128 128 3 3
        layer2.1.bn1 128
        layer2.1.conv2.weight 128 128 3 3
        layer2.1.bn2 128
        layer3.0.conv1.weight 256 128 3 3
        layer3.0.bn1 256
        layer3.0.conv2.weight 256 256 3 3
        layer3.0.bn2 256
        layer3.0.downsample.0.weight 256 128 1 1
        layer3.0.downsample.1 256
        layer3.1.conv1.weight 256 256 3 3
        layer3.1.bn1 256
        layer3.1.conv2.weight 256 256 3 3
        layer3.1.bn2 256
        layer4.0.conv1.weight 512 256 3 3
        layer4.0.bn1 512
        layer4.0.conv2.weight 512 512 3 3
        layer4.0.bn2 512
        layer4.0.downsample.0.weight 512 256 1 1
        layer4.0.downsample.1 512
        layer4.1.conv1.weight 512 512 3 3
        layer4.1.bn1 512
        layer4.1.conv2.weight 512 512 3 3
        layer4.1.bn2 512
        fc.weight 1000 512
        fc.bias 1000
        """;

    private static ImageClassifierModule Create(string name, ModelOptions options) => ModelRegistry.Default.Create(name, options);

    private static List<string> Expand(string stateDict)
    {
        var tensors = new List<string>();
        foreach (var line in stateDict.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = line.Split(' ');
            if (parts[0].EndsWith(".weight", StringComparison.Ordinal) || parts[0].EndsWith(".bias", StringComparison.Ordinal))
                tensors.Add($"{parts[0]} [{string.Join(", ", parts[1..])}]");
            else
            {
                foreach (var statistic in new[] { "weight", "bias", "running_mean", "running_var" }) tensors.Add($"{parts[0]}.{statistic} [{parts[1]}]");
                tensors.Add($"{parts[0]}.num_batches_tracked []");
            }
        }
        return tensors;
    }

    private static List<string> StateDict(ImageClassifierModule model) =>
        model.state_dict().Select(entry => $"{entry.Key} [{string.Join(", ", entry.Value.shape)}]").ToList();

    private static Dictionary<string, long[]> Shapes(ImageClassifierModule model) => model.state_dict().ToDictionary(e => e.Key, e => e.Value.shape);

    [Fact]
    public void StateDict_Resnet18_IsTorchvisionsNameForNameAndShapeForShape()
    {
        using var model = Create("resnet18", ImageNet);
        var expected = Expand(ResNet18StateDict);

        // TorchSharp lists every parameter before the buffers where PyTorch interleaves them per module; weights load by
        // name, so the order is not compared.
        Assert.Equal(122, expected.Count);
        Assert.Equal(expected.Order(StringComparer.Ordinal), StateDict(model).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void StateDict_Resnet50_HasTorchvisionsBottleneckTensors()
    {
        using var model = Create("resnet50", new ModelOptions(7, new InputShape(3, 224, 224)));
        var shapes = Shapes(model);

        Assert.Equal(320, shapes.Count); // 53 convs, 53 BatchNorms (5 tensors each), fc weight and bias
        Assert.Equal([64L, 3, 7, 7], shapes["conv1.weight"]);
        Assert.Equal([64L, 64, 1, 1], shapes["layer1.0.conv1.weight"]);
        Assert.Equal([64L, 64, 3, 3], shapes["layer1.0.conv2.weight"]);
        Assert.Equal([256L, 64, 1, 1], shapes["layer1.0.conv3.weight"]);
        Assert.Equal([256L], shapes["layer1.0.bn3.running_var"]);
        Assert.Equal([256L, 64, 1, 1], shapes["layer1.0.downsample.0.weight"]);
        Assert.Equal([64L, 256, 1, 1], shapes["layer1.1.conv1.weight"]);
        Assert.Equal([512L, 256, 1, 1], shapes["layer2.0.downsample.0.weight"]);
        Assert.Equal([512L], shapes["layer2.0.downsample.1.running_mean"]);
        Assert.Equal([1024L, 256, 1, 1], shapes["layer3.5.conv3.weight"]);
        Assert.Equal([2048L], shapes["layer4.2.bn3.weight"]);
        Assert.Equal([7L, 2048], shapes["fc.weight"]);
        Assert.Equal([7L], shapes["fc.bias"]);
        Assert.DoesNotContain(shapes.Keys, name => name.StartsWith("layer1.1.downsample", StringComparison.Ordinal));
        Assert.DoesNotContain(shapes.Keys, name => name.StartsWith("layer4.3", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("resnet18", 11_689_512)]
    [InlineData("resnet34", 21_797_672)]
    [InlineData("resnet50", 25_557_032)]
    public void ParameterCount_RgbThousandClasses_IsTorchvisions(string name, long expected)
    {
        using var model = Create(name, ImageNet);
        Assert.Equal(expected, model.ParameterCount());
    }

    [Fact]
    public void Stages_Resnet34_HaveTorchvisionsBlockCounts()
    {
        using var model = Create("resnet34", ImageNet);
        var blocks = model.named_children().Where(c => c.name.StartsWith("layer", StringComparison.Ordinal))
            .ToDictionary(c => c.name, c => c.module.named_children().Count());
        Assert.Equal(new Dictionary<string, int> { ["layer1"] = 3, ["layer2"] = 4, ["layer3"] = 6, ["layer4"] = 3 }, blocks);
    }

    [Fact]
    public void Bottleneck_Resnet50_StridesOnTheThreeByThreeConv()
    {
        using var model = Create("resnet50", ImageNet);
        var convs = model.named_modules().Where(m => m.module is Conv2d).ToDictionary(m => m.name, m => ((Conv2d)m.module).stride);

        Assert.Equal([1L, 1], convs["layer2.0.conv1"]);
        Assert.Equal([2L, 2], convs["layer2.0.conv2"]);
        Assert.Equal([1L, 1], convs["layer2.0.conv3"]);
        Assert.Equal([2L, 2], convs["layer2.0.downsample.0"]);
        Assert.Equal([1L, 1], convs["layer1.0.conv2"]);
    }

    [Fact]
    public void Stem_ImageNetAgainstCifar_SevenBySevenStrideTwoWithMaxPoolOnlyInTorchvisions()
    {
        using var torchvision = Create("resnet18", ImageNet);
        using var cifar = Create("resnet18-cifar", ImageNet);

        var stem = (Conv2d)torchvision.named_modules().Single(m => m.name == "conv1").module;
        Assert.Equal([2L, 2], stem.stride!);
        Assert.Equal([3L, 3], stem.padding!);
        Assert.IsType<MaxPool2d>(torchvision.named_children().Single(c => c.name == "maxpool").module);
        Assert.DoesNotContain(cifar.named_children(), c => c.name == "maxpool");
        Assert.Equal([64L, 3, 3, 3], Shapes(cifar)["conv1.weight"]);
        Assert.Equal(Shapes(torchvision).Count, Shapes(cifar).Count); // the stages are the same; only the stem differs
    }

    [Theory]
    [InlineData("resnet18", 1, 512)]
    [InlineData("resnet34", 3, 512)]
    [InlineData("resnet50", 3, 2048)]
    public void Forward_SmallGreyOrRgbImages_GivesFeaturesAndOneLogitPerClass(string name, int channels, int features)
    {
        using var model = Create(name, new ModelOptions(5, new InputShape(channels, 64, 64)));
        model.eval();
        using var _ = NewDisposeScope();
        using var noGrad = no_grad();
        var images = rand(2, channels, 64, 64);

        Assert.Equal([2L, features], model.ForwardFeatures(images).shape);
        Assert.Equal([2L, 5], model.forward(images).shape);
        Assert.Equal(channels, (int)Shapes(model)["conv1.weight"][1]);
    }

    [Theory]
    [InlineData("resnet18")]
    [InlineData("resnet50")]
    public void Settings_Width_IsRefusedBecauseTheShapesMustStayTorchvisions(string name)
    {
        var options = ImageNet with { Settings = new ModelSettings(new Dictionary<string, double> { ["width"] = 2 }) };
        var error = Assert.Throws<ArgumentException>(() => Create(name, options));
        Assert.Contains($"Model '{name}' takes no settings; got width", error.Message);
    }

    [Fact]
    public void Activation_LeakyRelu_IsReallyApplied()
    {
        var options = new ModelOptions(10, new InputShape(3, 32, 32));
        manual_seed(5);
        using var relu = Create("resnet18", options);
        manual_seed(5);
        using var leaky = Create("resnet18", options with { Activation = Activation.LeakyRelu });
        relu.eval();
        leaky.eval();
        using var input = randn(2, 3, 32, 32);

        using var difference = relu.forward(input).sub(leaky.forward(input)).abs().max();

        Assert.True(difference.item<float>() > 1e-6f, "Same weights but different activations must give different logits.");
    }

    [Fact]
    public void Init_Convolutions_AreHeNormalFanOut_AndBatchNormIsTheIdentity()
    {
        manual_seed(3);
        using var model = Create("resnet18", ImageNet);
        var state = model.state_dict();

        // kaiming_normal_(mode=fan_out, relu): std = sqrt(2 / (out · kh · kw)); layer4's 3×3 convs have 2.36M values to measure it on.
        var values = state["layer4.1.conv2.weight"].data<float>().ToArray();
        var std = Math.Sqrt(values.Average(v => (double)v * v));
        Assert.InRange(std, 0.98 * Math.Sqrt(2.0 / (512 * 9)), 1.02 * Math.Sqrt(2.0 / (512 * 9)));
        Assert.True(state["layer2.0.bn1.weight"].eq(1).all().item<bool>());
        Assert.True(state["layer2.0.downsample.1.bias"].eq(0).all().item<bool>());
    }

    [Theory]
    [InlineData("resnet18", 1, 40)]
    [InlineData("resnet34", 3, 33)]
    [InlineData("resnet50", 3, 48)]
    public void Export_AfterTrainingUpdatedTheStatistics_OnnxRuntimeMatchesTorchSharp(string name, int channels, int size)
    {
        // The registry-wide parity test sees freshly built models on 28×28 grey; here BatchNorm is far from the identity,
        // through the LeakyReLU variant, at a size the stem's stride and the padded max-pool do not divide evenly.
        var shape = new InputShape(channels, size, size, [.. Enumerable.Repeat(0.45f, channels)], [.. Enumerable.Repeat(0.25f, channels)]);
        manual_seed(7);
        using var model = Create(name, new ModelOptions(4, shape, Activation.LeakyRelu));
        model.train();
        using (no_grad())
        {
            for (int i = 0; i < 2; i++) model.forward(randn(8, channels, size, size).mul_(2).add_(0.5)).Dispose();
            // Noise the size of OnnxParity.Perturb's on He-initialized convs 16–50 layers deep overflows the logits, so
            // only the BatchNorm gains and shifts move away from the identity here.
            foreach (var norm in model.modules().OfType<BatchNorm2d>())
            {
                norm.weight!.uniform_(0.5, 1.5);
                norm.bias!.normal_(0, 0.2);
            }
        }

        var difference = OnnxParity.MaxDifference(model, shape, rand(3, channels, size, size));
        Assert.True(difference < 1e-4, $"max |TorchSharp − ONNX Runtime| = {difference.ToString(CultureInfo.InvariantCulture)}");
    }
}
