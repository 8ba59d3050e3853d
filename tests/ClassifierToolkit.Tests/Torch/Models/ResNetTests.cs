using ClassifierToolkit.Pipelines;
using ClassifierToolkit.Tests.Support;
using System.Runtime.InteropServices;
using ClassifierToolkit.Preprocessing;
using ClassifierToolkit.Torch.Export;
using ClassifierToolkit.Onnx.Proto;
using ClassifierToolkit.Torch.Models;
using ClassifierToolkit.Torch.Models.Registry;
using Microsoft.ML.OnnxRuntime;
using DenseTensor = Microsoft.ML.OnnxRuntime.Tensors.DenseTensor<float>;
using static TorchSharp.torch;

namespace ClassifierToolkit.Tests.Torch.Models;

/// <summary>The CIFAR-style ResNets (3×3 stem, no max-pool); the torchvision layouts are in <see cref="TorchvisionResNetTests"/>.</summary>
public class ResNetTests
{
    private static readonly ModelOptions FashionMnist = new(10, new InputShape(1, 28, 28));

    private static ImageClassifierModule Create(string name, ModelOptions options) => ModelRegistry.Default.Create(name, options);

    private static ModelOptions WithSettings(ModelOptions options, params (string Name, double Value)[] settings) =>
        options with { Settings = new ModelSettings(settings.ToDictionary(s => s.Name, s => s.Value)) };

    [Theory]
    [InlineData("resnet18-cifar", 11_172_810)]
    [InlineData("resnet20-cifar", 272_186)]
    [InlineData("resnet8-cifar", 77_754)]
    public void ParameterCount_FashionMnist_IsExact(string name, long expected)
    {
        using var model = Create(name, FashionMnist);
        Assert.Equal(expected, model.ParameterCount());
    }

    [Fact]
    public void ParameterNames_FollowTorchvision()
    {
        using var model = Create("resnet18-cifar", FashionMnist);
        var names = model.named_parameters().Select(p => p.name).ToList();
        var buffers = model.named_buffers().Select(b => b.name).ToList();

        Assert.Equal("conv1.weight", names[0]);
        Assert.Equal("fc.bias", names[^1]);
        Assert.Contains("layer1.0.conv1.weight", names);
        Assert.Contains("layer1.1.bn2.bias", names);
        Assert.Contains("layer2.0.downsample.0.weight", names);
        Assert.Contains("layer4.1.conv2.weight", names);
        Assert.Contains("layer4.0.downsample.1.weight", names);
        Assert.Contains("fc.weight", names);
        Assert.DoesNotContain(names, n => n.StartsWith("layer1.0.downsample", StringComparison.Ordinal));
        Assert.DoesNotContain(names, n => n.Contains("conv1.bias", StringComparison.Ordinal));
        Assert.Contains("layer3.0.downsample.1.running_var", buffers);
        Assert.Contains("bn1.running_mean", buffers);
    }

    [Fact]
    public void Stages_Resnet20Cifar_HasThreeStagesOfThreeBlocks()
    {
        using var model = Create("resnet20-cifar", FashionMnist);
        var blocks = model.named_children().Where(c => c.name.StartsWith("layer", StringComparison.Ordinal))
            .ToDictionary(c => c.name, c => c.module.named_children().Count());
        Assert.Equal(new Dictionary<string, int> { ["layer1"] = 3, ["layer2"] = 3, ["layer3"] = 3 }, blocks);
    }

    [Theory]
    [InlineData("resnet8-cifar", 3, 32, 32)]
    [InlineData("resnet20-cifar", 1, 17, 23)]
    [InlineData("resnet18-cifar", 3, 16, 16)]
    public void Forward_OtherChannelsAndSizes_GivesOneLogitPerClass(string name, int channels, int height, int width)
    {
        using var model = Create(name, new ModelOptions(7, new InputShape(channels, height, width)));
        using var logits = model.forward(rand(3, channels, height, width));
        Assert.Equal([3L, 7L], logits.shape);
    }

    [Fact]
    public void Width_Two_DoublesEveryStage()
    {
        using var model = Create("resnet8-cifar", WithSettings(FashionMnist, ("width", 2)));
        var shapes = model.named_parameters().ToDictionary(p => p.name, p => p.parameter.shape);
        Assert.Equal([32L, 1, 3, 3], shapes["conv1.weight"]);
        Assert.Equal([128L, 64, 3, 3], shapes["layer3.0.conv1.weight"]);
        Assert.Equal([10L, 128], shapes["fc.weight"]);
        Assert.True(model.ParameterCount() > 3 * 77_754);
    }

    [Fact]
    public void Settings_Unknown_ThrowsListingTheValidOnes()
    {
        var error = Assert.Throws<ArgumentException>(() => Create("resnet20-cifar", WithSettings(FashionMnist, ("depth", 3))));
        Assert.Contains("'resnet20-cifar' has no setting 'depth'", error.Message);
        Assert.Contains("width", error.Message);
    }

    [Fact]
    public void Settings_FractionalWidth_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => Create("resnet8-cifar", WithSettings(FashionMnist, ("width", 1.5))));
        Assert.Contains("'width' must be a whole number", error.Message);
    }

    [Fact]
    public void Activation_LeakyRelu_IsReallyApplied()
    {
        manual_seed(5);
        using var relu = Create("resnet8-cifar", FashionMnist);
        manual_seed(5);
        using var leaky = Create("resnet8-cifar", FashionMnist with { Activation = Activation.LeakyRelu });
        relu.eval();
        leaky.eval();
        using var input = randn(4, 1, 28, 28);

        using var difference = relu.forward(input).sub(leaky.forward(input)).abs().max();

        Assert.True(difference.item<float>() > 1e-6f, "Same weights but different activations must give different logits.");
    }

    [Fact]
    public void Export_AfterTrainingUpdatedTheStatistics_OnnxRuntimeMatchesTorchSharp()
    {
        // The registry-wide parity test sees freshly built models, whose BatchNorm is the identity; here the running
        // statistics and affine weights are far from it, on RGB input of another size, through the LeakyReLU variant.
        var shape = new InputShape(3, 20, 20, [0.4f, 0.5f, 0.6f], [0.2f, 0.25f, 0.3f]);
        manual_seed(7);
        using var model = Create("resnet8-cifar", new ModelOptions(4, shape, Activation.LeakyRelu));
        model.train();
        using (no_grad())
        {
            for (int i = 0; i < 3; i++) model.forward(randn(16, 3, 20, 20).mul_(3).add_(1)).Dispose();
            OnnxParity.Perturb(model);
        }

        Assert.True(OnnxParity.MaxDifference(model, shape, rand(5, 3, 20, 20)) < 1e-4);
    }

    [Fact]
    public void Export_Initializers_HoldEveryParameterAndStatisticUnderItsName()
    {
        using var model = Create("resnet8-cifar", FashionMnist);
        Assert.Empty(OnnxParity.MissingInitializers(model, FashionMnist.Input));
    }

    [Fact]
    public void Backward_Resnet8Cifar_GivesEveryParameterAGradient()
    {
        using var model = Create("resnet8-cifar", FashionMnist);
        model.train();
        using var loss = model.forward(randn(4, 1, 28, 28)).pow(2).mean();
        loss.backward();
        Assert.All(model.named_parameters(), p => Assert.True(p.parameter.grad is not null, $"{p.name} has no gradient."));
    }
}
