using ClassifierToolkit.Preprocessing;
using ClassifierToolkit.Torch.Models;
using ClassifierToolkit.Torch.Models.Registry;
using static TorchSharp.torch;

namespace ClassifierToolkit.Tests.Torch.Models;

public class WeightInitTests
{
    [Fact]
    public void TruncatedNormal_FillsDistinctValuesWithinTwoStd()
    {
        using var tensor = empty(10_000);
        WeightInit.TruncatedNormal(tensor, 0.02);
        var values = tensor.data<float>().ToArray();
        Assert.True(values.Distinct().Count() > 9_000, "values must differ");
        Assert.All(values, v => Assert.InRange(v, -0.04f, 0.04f));
        Assert.InRange(Math.Sqrt(values.Average(v => (double)v * v)), 0.015, 0.02);
    }

    public static TheoryData<string> RegisteredModels()
    {
        var data = new TheoryData<string>();
        foreach (var name in ModelRegistry.Default.Names) data.Add(name);
        return data;
    }

    [Theory]
    [MemberData(nameof(RegisteredModels))]
    public void EveryRegisteredModel_StartsWithNoConstantWeightMatrix(string name)
    {
        using var model = ModelRegistry.Default.Create(name, new ModelOptions(10, new InputShape(1, 28, 28)));
        foreach (var (parameterName, parameter) in model.named_parameters())
        {
            if (parameter.dim() < 2) continue; // biases and norm gains start constant on purpose
            var values = parameter.detach().data<float>().ToArray();
            Assert.True(values.Distinct().Count() > 1, $"{name}: {parameterName} starts with every value equal");
        }
    }
}
