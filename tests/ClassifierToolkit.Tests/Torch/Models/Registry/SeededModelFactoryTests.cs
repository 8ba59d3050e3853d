using ClassifierToolkit.Pipelines;
using ClassifierToolkit.Preprocessing;
using ClassifierToolkit.Torch.Models;
using ClassifierToolkit.Torch.Models.Registry;
using static TorchSharp.torch;

namespace ClassifierToolkit.Tests.Torch.Models.Registry;

public class SeededModelFactoryTests
{
    private static readonly InputShape Shape = new(1, 28, 28);

    [Fact]
    public void CreateLeavingGeneratorAlone_LeavesTheGlobalGeneratorWhereItWas()
    {
        manual_seed(3);
        using var expected = rand(8);
        manual_seed(3);
        using (SeededModelFactory.CreateLeavingGeneratorAlone(() => Build("resnet8"))) { }
        using var actual = rand(8);
        Assert.True(actual.eq(expected).all().item<bool>(), "Building a twin moved the global generator.");
    }

    [Fact]
    public async Task CreateLeavingGeneratorAlone_OnAnotherThread_DoesNotDisturbASeededModel()
    {
        using var reference = Flat(SeededModelFactory.Create("resnet8", Options("resnet8"), 5));
        using var stop = new CancellationTokenSource();
        var twins = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
                using (SeededModelFactory.CreateLeavingGeneratorAlone(() => Build("resnet20"))) { }
        });
        try
        {
            for (int i = 0; i < 20; i++)
            {
                using var weights = Flat(SeededModelFactory.Create("resnet8", Options("resnet8"), 5));
                Assert.True(weights.eq(reference).all().item<bool>(), $"Build {i}: a twin built meanwhile changed a seeded model's initial weights.");
            }
        }
        finally
        {
            stop.Cancel();
            await twins;
        }
    }

    private static ModelOptions Options(string name) => ModelOptions.From(new ModelSpec { Name = name }, 10, Shape);

    private static ImageClassifierModule Build(string name) => ModelRegistry.Default.Create(name, Options(name));

    private static Tensor Flat(ImageClassifierModule model)
    {
        using (model) return cat(model.parameters().Select(p => p.detach().flatten()).ToList());
    }
}
