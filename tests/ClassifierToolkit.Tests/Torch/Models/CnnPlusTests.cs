using ClassifierToolkit.Preprocessing;
using ClassifierToolkit.Torch.Models;
using ClassifierToolkit.Torch.Models.Cnn;
using ClassifierToolkit.Torch.Models.Registry;
using static TorchSharp.torch;

namespace ClassifierToolkit.Tests.Torch.Models;

public class CnnPlusTests
{
    private static readonly ModelOptions FashionMnist = new(10, new InputShape(1, 28, 28));

    [Fact]
    public void Forward_GreyAndRgb_GivesOneLogitPerClass()
    {
        using var grey = new CnnPlus(FashionMnist);
        using var rgb = new CnnPlus(FashionMnist with { Input = new InputShape(3, 32, 32), ClassCount = 4 });
        Assert.Equal([2L, 10L], grey.forward(rand(2, 1, 28, 28)).shape);
        Assert.Equal([2L, 4L], rgb.forward(rand(2, 3, 32, 32)).shape);
    }

    [Fact]
    public void Width_Two_RoughlyQuadruplesTheConvolutions()
    {
        using var narrow = new CnnPlus(FashionMnist);
        using var wide = new CnnPlus(FashionMnist with { Settings = new ModelSettings(new Dictionary<string, double> { ["width"] = 2 }) });
        Assert.True(wide.ParameterCount() > 1.5 * narrow.ParameterCount());
    }

    [Fact]
    public void Settings_Unknown_AreRejectedListingTheKnownOnes()
    {
        var error = Assert.Throws<ArgumentException>(() => ModelRegistry.Default.Create("cnn-plus",
            FashionMnist with { Settings = new ModelSettings(new Dictionary<string, double> { ["depth"] = 3 }) }));
        Assert.Contains("width, dropout", error.Message);
    }

    [Fact]
    public void Eval_Dropout_IsOffSoOutputsAreRepeatable()
    {
        using var model = new CnnPlus(FashionMnist);
        model.eval();
        using var input = rand(3, 1, 28, 28);
        using var noGrad = no_grad();
        Assert.True(model.forward(input).allclose(model.forward(input)));
    }
}
