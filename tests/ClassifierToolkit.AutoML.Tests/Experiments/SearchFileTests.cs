using ClassifierToolkit.AutoML.Experiments;
using ClassifierToolkit.AutoML.Trials;
using ClassifierToolkit.Pipelines;

namespace ClassifierToolkit.AutoML.Tests.Experiments;

public class SearchFileTests
{
    // The base model has a dropout setting; the search may swap in a model without one.
    private const string ModelSwitch = """
        {
          "version": 1, "name": "switch",
          "model": { "name": "cnn-plus", "settings": { "dropout": 0.3 } },
          "training": { "epochs": 4 },
          "search": {
            "model.name": { "choice": ["cnn-plus", "resnet8"] },
            "model.settings.dropout": { "uniform": [0.1, 0.45], "when": { "model.name": "cnn-plus" } }
          }
        }
        """;

    // Stands in for the model registry: only cnn-plus knows 'dropout'.
    private static void OnlyCnnPlusHasDropout(PipelineSpec spec)
    {
        if (spec.Model.Name != "cnn-plus" && spec.Model.Settings.ContainsKey("dropout"))
            throw new PipelineSpecException("switch.json", "$.model.settings", $"Model '{spec.Model.Name}' has no setting 'dropout'.");
    }

    private static ParameterSet Set(params (string Path, ParameterValue Value)[] values) =>
        new(values.Select(v => KeyValuePair.Create(v.Path, v.Value)));

    [Fact]
    public void TrialPipeline_ConditionNotMet_TakesTheBaseValueOut()
    {
        var search = SearchFile.Parse(ModelSwitch, "switch.json", check: OnlyCnnPlusHasDropout);

        var resnet = search.TrialPipeline(Set(("model.name", ParameterValue.Of("resnet8"))), "t1");
        var cnn = search.TrialPipeline(Set(("model.name", ParameterValue.Of("cnn-plus")), ("model.settings.dropout", ParameterValue.Of(0.2))), "t2");

        Assert.Equal("resnet8", resnet.Model.Name);
        Assert.False(resnet.Model.Settings.ContainsKey("dropout"));
        Assert.Equal(0.2, cnn.Model.Settings["dropout"]);
    }

    [Fact]
    public void Parse_ValueTheCheckRefuses_NamesTheParameterAndTheValue()
    {
        var search = ModelSwitch.Replace("\"model.settings.dropout\": { \"uniform\": [0.1, 0.45], \"when\": { \"model.name\": \"cnn-plus\" } }",
            "\"model.settings.dropout\": { \"uniform\": [0.1, 0.45] }");

        var error = Assert.Throws<PipelineSpecException>(() => SearchFile.Parse(search, "switch.json", check: OnlyCnnPlusHasDropout));

        Assert.Equal("$.search['model.name']", error.JsonPath);
        Assert.Contains("resnet8", error.Message);
        Assert.Contains("has no setting 'dropout'", error.Message);
    }
}
