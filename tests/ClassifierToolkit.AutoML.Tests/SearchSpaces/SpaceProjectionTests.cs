using ClassifierToolkit.AutoML.SearchSpaces;
using ClassifierToolkit.AutoML.Tests.Tuners;
using ClassifierToolkit.AutoML.Trials;

namespace ClassifierToolkit.AutoML.Tests.SearchSpaces;

public class SpaceProjectionTests
{
    private static readonly SearchSpace Space = new([
        new("model.name", TestSpaces.Choice("cnn-plus", "resnet8")),
        new("model.settings.dropout", new UniformDomain(0.1, 0.3), TestSpaces.When("model.name", "cnn-plus")),
        new("training.learningRate", new LogUniformDomain(0.001, 0.004)),
        new("training.batchSize", new ChoiceDomain([ParameterValue.Of(32), ParameterValue.Of(64)])),
        new("training.augmentation.cropPadding", new IntegerDomain(0, 4, 2)),
    ]);

    private static ParameterSet Set(params (string Path, object Value)[] values) => new(values.Select(v => KeyValuePair.Create(v.Path, v.Value switch
    {
        string text => ParameterValue.Of(text),
        bool flag => ParameterValue.Of(flag),
        _ => ParameterValue.Of(Convert.ToDouble(v.Value, System.Globalization.CultureInfo.InvariantCulture)),
    })));

    [Fact]
    public void Project_ValuesOutsideTheirDomains_ClipsToRangesGridAndNearestChoiceAndSaysSo()
    {
        var recipe = Set(("model.name", "cnn-plus"), ("model.settings.dropout", 0.329), ("training.learningRate", 0.00409), ("training.batchSize", 128),
            ("training.augmentation.cropPadding", 3), ("training.optimizer", "adamw"));

        var projection = SpaceProjection.Project(Space, recipe, _ => null);

        Assert.Equal(Set(("model.name", "cnn-plus"), ("model.settings.dropout", 0.3), ("training.learningRate", 0.004), ("training.batchSize", 64),
            ("training.augmentation.cropPadding", 2)), projection.Parameters);
        Assert.Contains("training.learningRate 0.00409 clipped to 0.004", projection.Changes);
        Assert.Contains("training.batchSize 128 moved to the nearest choice 64", projection.Changes);
        Assert.Contains("training.optimizer dropped (not searched)", projection.Changes);
    }

    [Fact]
    public void Project_InactiveConditionalAndMissingParameters_DropsTheOneAndFillsTheOthersFromTheBase()
    {
        var recipe = Set(("model.name", "resnet8"), ("model.settings.dropout", 0.2), ("training.learningRate", 0.002));

        var projection = SpaceProjection.Project(Space, recipe, path => path == "training.batchSize" ? ParameterValue.Of(32) : null);

        Assert.Equal(Set(("model.name", "resnet8"), ("training.learningRate", 0.002), ("training.batchSize", 32), ("training.augmentation.cropPadding", 2)),
            projection.Parameters);
        Assert.Contains("model.settings.dropout dropped (inactive)", projection.Changes);
        Assert.Contains("training.batchSize not given, took 32", projection.Changes);
    }

    [Fact]
    public void Project_AConfigurationOfTheSpace_IsUnchanged()
    {
        var inside = Set(("model.name", "cnn-plus"), ("model.settings.dropout", 0.2), ("training.learningRate", 0.002), ("training.batchSize", 32),
            ("training.augmentation.cropPadding", 4));

        var projection = SpaceProjection.Project(Space, inside, _ => null);

        Assert.Equal(inside, projection.Parameters);
        Assert.Empty(projection.Changes);
    }
}
