using ClassifierToolkit.Pipelines;
using ClassifierToolkit.Preprocessing;
using ClassifierToolkit.Tests.Support;
using ClassifierToolkit.Torch.Experiments;
using ClassifierToolkit.Torch.Models;
using ClassifierToolkit.Torch.Models.Registry;
using ClassifierToolkit.Torch.Models.Cnn;

namespace ClassifierToolkit.Tests.Torch.Models.Registry;

public class ModelRegistryTests
{
    private static readonly ModelOptions FashionMnist = new(10, new InputShape(1, 28, 28));
    private static readonly ModelRegistry Registry = ModelRegistry.Default;

    private static Dictionary<string, long[]> Shapes(ImageClassifierModule model) =>
        model.named_parameters().ToDictionary(p => p.name, p => p.parameter.shape);

    private static ModelRegistry SmallRegistry()
    {
        var registry = new ModelRegistry();
        registry.Add("cnn", "test", o => new SeedCnn(o));
        return registry;
    }

    [Theory]
    [InlineData("resnet8", "resnet8-cifar", 77_754)]
    [InlineData("resnet20", "resnet20-cifar", 272_186)]
    [InlineData("ResNet20", "resnet20-cifar", 272_186)]
    public void Create_OldCifarName_BuildsTheCifarResNet(string alias, string target, long parameters)
    {
        using var model = Registry.Create(alias, FashionMnist);

        Assert.True(Registry.Contains(alias));
        Assert.Equal(target, Registry.Resolve(alias));
        Assert.Equal(parameters, model.ParameterCount());
        Assert.Equal([16L, 1, 3, 3], Shapes(model)["conv1.weight"]); // the CIFAR stem
    }

    [Fact]
    public void Names_ListRealNamesOnly_AliasesAreFoundThroughTheirTarget()
    {
        Assert.Contains("resnet8-cifar", Registry.Names);
        Assert.Contains("resnet18-cifar", Registry.Names);
        Assert.Contains("resnet50", Registry.Names);
        Assert.DoesNotContain("resnet8", Registry.Names);
        Assert.DoesNotContain("resnet20", Registry.Names);
        Assert.Equal(Registry.Names, Registry.Entries.Select(e => e.Name));
        Assert.Equal(["resnet8"], Registry.AliasesOf("resnet8-cifar"));
        Assert.Equal(["resnet20"], Registry.AliasesOf("resnet20-cifar"));
        Assert.Empty(Registry.AliasesOf("resnet18"));
    }

    [Fact]
    public void Resnet18_IsTorchvisions_TheSeedStudysIsResnet18Cifar()
    {
        using var torchvision = Registry.Create("resnet18", FashionMnist);
        using var cifar = Registry.Create("resnet18-cifar", FashionMnist);

        Assert.Equal([64L, 1, 7, 7], Shapes(torchvision)["conv1.weight"]);
        Assert.Equal([64L, 1, 3, 3], Shapes(cifar)["conv1.weight"]);
        Assert.Equal(11_172_810, cifar.ParameterCount());
    }

    [Fact]
    public void Check_SavedSeedStudyPipelineNamingResnet20_LoadsAndBuildsTheCifarModel()
    {
        // Saved before the rename; it keeps its old name.
        var file = Path.Combine(TestPaths.RepoRoot, "benchmarks", "seed-study", "fashion-mnist-resnet-small", "pipeline.json");
        var spec = PipelineSpecLoader.Load(file);
        Assert.Equal("resnet20", spec.Model.Name);

        PipelineTrainerOptions.Check(spec);
        using var model = Registry.Create(spec.Model.Name, ModelOptions.From(spec.Model, 10, spec.Input.ToShape()));

        Assert.Equal(272_186, model.ParameterCount());
    }

    [Fact]
    public void Check_AliasWithTheCifarWidthSetting_IsAccepted()
    {
        var spec = new ModelSpec { Name = "resnet8", Settings = new Dictionary<string, double> { ["width"] = 2 } };
        Registry.Check(spec, FashionMnist.Input, "p.json");
    }

    [Fact]
    public void UnknownName_SuggestsTheNearestNameOrAliasWithItsTarget()
    {
        var error = Assert.Throws<ArgumentException>(() => Registry.Create("resnet81", FashionMnist));

        Assert.StartsWith("Unknown model 'resnet81'. Did you mean 'resnet8' (alias of 'resnet8-cifar') or 'resnet18'?", error.Message);
        Assert.Contains("Run 'ctk models'", error.Message);
        Assert.Contains("resnet8-cifar (alias resnet8)", error.Message);
        Assert.Throws<ArgumentException>(() => Registry.CardOf("resnet81"));
        Assert.Throws<ArgumentException>(() => Registry.Resolve("resnet81"));
    }

    [Fact]
    public void Check_UnknownName_IsAPipelineErrorAtTheModelName()
    {
        var error = Assert.Throws<PipelineSpecException>(() => Registry.Check(new ModelSpec { Name = "resnet5" }, FashionMnist.Input, "p.json"));
        Assert.Contains("$.model.name", error.Message);
        Assert.Contains("Did you mean", error.Message);
    }

    [Fact]
    public void AddAlias_ToAnUnknownModel_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => SmallRegistry().AddAlias("net", "resnet"));
        Assert.Contains("no model of that name is registered", error.Message);
    }

    [Fact]
    public void AddAlias_ToAnAlias_ThrowsNamingTheRealTarget()
    {
        var registry = SmallRegistry();
        registry.AddAlias("seed", "cnn");
        var error = Assert.Throws<ArgumentException>(() => registry.AddAlias("seed2", "seed"));
        Assert.Contains("point it at 'cnn'", error.Message);
    }

    [Fact]
    public void AddAndAddAlias_ATakenNameOrAlias_Throw()
    {
        var registry = SmallRegistry();
        registry.AddAlias("seed", "cnn");

        Assert.Contains("already registered", Assert.Throws<ArgumentException>(() => registry.AddAlias("CNN", "cnn")).Message);
        Assert.Contains("already an alias of 'cnn'", Assert.Throws<ArgumentException>(() => registry.AddAlias("seed", "cnn")).Message);
        Assert.Contains("already an alias of 'cnn'", Assert.Throws<ArgumentException>(() => registry.Add("seed", "test", o => new SeedCnn(o))).Message);
        Assert.Equal(["cnn"], registry.Names);
    }

    [Theory]
    [InlineData("resnet18")]
    [InlineData("resnet34")]
    [InlineData("resnet50")]
    public void CardOf_TorchvisionResNets_IsImageNet224(string name)
    {
        var card = Registry.CardOf(name);

        Assert.Same(ModelCards.ImageNet224, card);
        Assert.Equal(224, card.InputSize);
        Assert.Equal(3, card.Channels);
        Assert.Equal([0.485f, 0.456f, 0.406f], card.Mean);
        Assert.Equal([0.229f, 0.224f, 0.225f], card.Std);
    }

    [Fact]
    public void CardOf_MlNetResNet_IsItsOwn_WithBuiltInWeights()
    {
        var card = Registry.CardOf("resnet-mlnet");
        Assert.Same(ModelCards.MlNetImageNet224, card);
        Assert.Equal((224, 3), (card.InputSize, card.Channels));
        Assert.Equal(1 / 255f, card.Std![0]);
        Assert.Contains("imagenet", card.BuiltInWeights);
        Assert.Null(ModelCards.ImageNet224.BuiltInWeights);
    }

    [Fact]
    public void CardOf_SmallModelsAndAliases_IsAny()
    {
        string[] pretrained = ["resnet18", "resnet34", "resnet50", "resnet-mlnet"];
        foreach (var entry in Registry.Entries.Where(e => !pretrained.Contains(e.Name)))
            Assert.True(entry.Card == ModelCard.Any, $"{entry.Name} has a card");
        Assert.Equal(ModelCard.Any, Registry.CardOf("resnet8"));
        Assert.Equal(new ModelCard(null, null, null, null), ModelCard.Any);
    }

    [Fact]
    public void Add_WithoutACard_RegistersAny_WithACard_KeepsIt()
    {
        var registry = SmallRegistry();
        var card = new ModelCard(32, 1, [0.5f], [0.25f]);
        registry.Add("cnn32", "test", card, o => new SeedCnn(o));

        Assert.Equal(ModelCard.Any, registry.CardOf("cnn"));
        Assert.Same(card, registry.CardOf("cnn32"));
        Assert.Same(card, registry.Entries.Single(e => e.Name == "cnn32").Card);
    }
}
