using ClassifierToolkit.Pipelines;
using ClassifierToolkit.Preprocessing;
using ClassifierToolkit.Torch.Models;
using ClassifierToolkit.Torch.Models.Cnn;
using ClassifierToolkit.Torch.Models.Registry;
using static TorchSharp.torch;

namespace ClassifierToolkit.Tests.Torch.Models;

public class SeedCnnTests
{
    private static readonly ModelOptions FashionMnist = new(10, new InputShape(1, 28, 28));

    [Fact]
    public void ParameterCount_FashionMnist_MatchesTheSeedStudy()
    {
        using var model = new SeedCnn(FashionMnist);
        Assert.Equal(421_642, model.ParameterCount());
    }

    [Fact]
    public void Forward_Batch_GivesOneLogitPerClass()
    {
        using var model = new SeedCnn(FashionMnist with { ClassCount = 7 });
        using var logits = model.forward(rand(5, 1, 28, 28));
        Assert.Equal([5L, 7L], logits.shape);
    }

    [Fact]
    public void Activation_LeakyRelu_IsReallyApplied()
    {
        manual_seed(3);
        using var relu = new SeedCnn(FashionMnist);
        manual_seed(3);
        using var leaky = new SeedCnn(FashionMnist with { Activation = Activation.LeakyRelu });
        using var input = randn(4, 1, 28, 28);

        using var difference = relu.forward(input).sub(leaky.forward(input)).abs().max();

        Assert.True(difference.item<float>() > 1e-6f, "Same weights but different activations must give different logits.");
    }

    [Fact]
    public void Constructor_InputNotDivisibleByFour_ThrowsNamingTheSize()
    {
        var error = Assert.Throws<ArgumentException>(() => new SeedCnn(FashionMnist with { Input = new InputShape(1, 30, 30) }));
        Assert.Contains("30×30", error.Message);
    }

    [Fact]
    public void Registry_UnknownName_SuggestsTheNearest()
    {
        var error = Assert.Throws<ArgumentException>(() => ModelRegistry.Default.Create("cnnn", FashionMnist));
        Assert.Contains("Did you mean 'cnn'", error.Message);
        Assert.Contains("ctk models", error.Message);
    }
}
