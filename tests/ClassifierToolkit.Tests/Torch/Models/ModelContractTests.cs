using ClassifierToolkit.Preprocessing;
using ClassifierToolkit.Torch.Models;
using ClassifierToolkit.Torch.Models.Registry;
using static TorchSharp.torch;

namespace ClassifierToolkit.Tests.Torch.Models;

/// <summary>Every registered model is features → linear head (timm's contract), which transfer learning relies on.</summary>
public class ModelContractTests
{
    public static TheoryData<string> ModelNames() => [.. ModelRegistry.Default.Names];

    [Theory]
    [MemberData(nameof(ModelNames))]
    public void EveryModel_HeadOfFeaturesIsTheForwardPass_AndTheHeadIsOneLinearLayer(string name)
    {
        manual_seed(1);
        var input = new InputShape(3, 28, 28);
        using var model = ModelRegistry.Default.Create(name, new ModelOptions(7, input));
        model.eval();
        using var _ = NewDisposeScope();
        using var noGrad = no_grad();
        var images = randn(4, 3, 28, 28);

        var features = model.ForwardFeatures(images);
        var logits = model.forward(images);

        Assert.Equal([4L, model.FeatureCount], features.shape);
        Assert.Equal(7, model.ClassCount);
        Assert.True(model.ForwardHead(features).allclose(logits, rtol: 1e-5, atol: 1e-6));
        var head = model.named_parameters().Where(p => model.IsHeadTensor(p.name)).Select(p => p.name).Order().ToList();
        Assert.Equal([$"{model.HeadName}.bias", $"{model.HeadName}.weight"], head);
    }
}
