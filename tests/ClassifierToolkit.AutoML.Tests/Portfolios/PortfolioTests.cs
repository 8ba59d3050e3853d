using ClassifierToolkit.AutoML.Experiments;
using ClassifierToolkit.AutoML.Portfolios;
using ClassifierToolkit.AutoML.Trials;

namespace ClassifierToolkit.AutoML.Tests.Portfolios;

public class PortfolioTests
{
    /// <summary>The shipped search's space narrowed: no ResNet-20, lower rates and smaller batches than the recipes use.</summary>
    internal const string Narrowed = """
        { "version": 1, "name": "narrowed",
          "model": { "name": "cnn-plus" },
          "training": { "epochs": 2, "batchSize": 32 },
          "search": {
            "model.name": { "choice": ["cnn-plus", "resnet8"] },
            "model.settings.dropout": { "uniform": [0.1, 0.3], "when": { "model.name": "cnn-plus" } },
            "training.learningRate": { "logUniform": [0.001, 0.004] },
            "training.batchSize": { "choice": [32, 64] }
          } }
        """;

    private static ParameterSet Narrow(string model, double? dropout, double learningRate, int batchSize)
    {
        var set = ParameterSet.Empty.With("model.name", ParameterValue.Of(model)).With("training.learningRate", ParameterValue.Of(learningRate))
            .With("training.batchSize", ParameterValue.Of(batchSize));
        return dropout is { } d ? set.With("model.settings.dropout", ParameterValue.Of(d)) : set;
    }

    [Fact]
    public void BuiltIn_ShippedFashionMnistSearch_EveryRecipeFitsAsMeasuredCheapestGoodFirst()
    {
        var search = SearchFile.Load(RepositoryFile("pipelines", "fashion-mnist-automl.json"));

        var points = Portfolio.For(search);

        Assert.Equal(["portfolio: cnn-plus tuned", "portfolio: cnn-plus wide", "portfolio: cnn-plus shipped", "portfolio: cnn-plus light regularization", "portfolio: resnet20 shipped"],
            points.Select(p => p.Source));
        // A recipe that does not name the width takes the search file's base value.
        Assert.Equal(ParameterSet.FromJson("""
            { "model.name": "cnn-plus", "model.settings.dropout": 0.329, "model.settings.width": 1, "training.learningRate": 0.00409, "training.weightDecay": 0.000437,
              "training.batchSize": 64, "training.labelSmoothing": 0.091, "training.augmentation.cropPadding": 2, "training.augmentation.horizontalFlip": true }
            """), points[0].Parameters);
        Assert.Equal(2, points[1].Parameters["model.settings.width"].Number);
        Assert.False(points[4].Parameters.ContainsKey("model.settings.dropout"));
        Assert.False(points[4].Parameters.ContainsKey("model.settings.width"));
        Assert.All(Portfolio.BuiltIn, r => Assert.False(string.IsNullOrWhiteSpace(r.Note)));
        Assert.StartsWith("Unmeasured", Assert.Single(Portfolio.BuiltIn, r => r.Name == "cnn-plus light regularization").Note);
    }

    [Fact]
    public void For_NarrowedSpace_ProjectsTheRecipesIntoItAndSkipsAModelItCannotChoose()
    {
        var points = Portfolio.For(SearchFile.Parse(Narrowed, "narrowed.json"));

        Assert.Equal([Narrow("cnn-plus", 0.3, 0.004, 64), Narrow("cnn-plus", 0.3, 0.003, 64), Narrow("cnn-plus", 0.25, 0.004, 64)], points.Select(p => p.Parameters));
    }

    [Theory]
    [InlineData("cnn-plus", 3)]
    [InlineData("cnn", 0)]
    public void For_ModelNotSearched_KeepsTheRecipesOfTheBaseModelOnly(string baseModel, int expected)
    {
        var json = $$"""{ "version": 1, "model": { "name": "{{baseModel}}" }, "search": { "training.learningRate": { "logUniform": [0.001, 0.01] } } }""";

        var points = Portfolio.For(SearchFile.Parse(json, "lr.json"));

        Assert.Equal(expected, points.Count);
        Assert.All(points, p => Assert.Equal(["training.learningRate"], p.Parameters.Keys));
    }

    private static string RepositoryFile(params string[] parts)
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var path = Path.Combine([folder.FullName, .. parts]);
            if (File.Exists(path)) return path;
        }
        throw new FileNotFoundException($"{Path.Combine(parts)} not found above {AppContext.BaseDirectory}.");
    }
}
