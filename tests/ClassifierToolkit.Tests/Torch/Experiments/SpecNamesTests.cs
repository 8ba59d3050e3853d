using ClassifierToolkit.Pipelines;
using ClassifierToolkit.Torch.Experiments;
using ClassifierToolkit.Torch.Models;
using ClassifierToolkit.Torch.Training;
using ClassifierToolkit.Torch.Training.Callbacks;
using ClassifierToolkit.Torch.Training.Schedules;

namespace ClassifierToolkit.Tests.Torch.Experiments;

public class SpecNamesTests
{
    [Fact]
    public void EveryAllowedName_MapsOntoItsOwnEnumValue_AndEveryValueHasAName()
    {
        AssertOneToOne<Activation>(ModelSpec.Activations);
        AssertOneToOne<OptimizerKind>(TrainingSpec.Optimizers);
        AssertOneToOne<ScheduleKind>(ScheduleSpec.Kinds);
        AssertOneToOne<MonitoredMetric>(TrainingSpec.Metrics);
    }

    [Theory]
    [InlineData("warmup-cosine", ScheduleKind.WarmupCosine)]
    [InlineData("one-cycle", ScheduleKind.OneCycle)]
    [InlineData("constant", ScheduleKind.Constant)]
    public void Parse_KebabCaseName_GivesThePascalCaseValue(string name, ScheduleKind expected) =>
        Assert.Equal(expected, SpecNames.Parse<ScheduleKind>(name, ScheduleSpec.Kinds));

    [Fact]
    public void Parse_UnknownName_ListsTheAllowedOnes()
    {
        // "lamb" was silently trained as Adam before names were checked here.
        var error = Assert.Throws<ArgumentException>(() => SpecNames.Parse<OptimizerKind>("lamb", TrainingSpec.Optimizers));
        Assert.Contains("adam, adamw, sgd, rmsprop", error.Message);
    }

    private static void AssertOneToOne<TEnum>(IReadOnlyList<string> names) where TEnum : struct, Enum
    {
        var values = names.Select(name => SpecNames.Parse<TEnum>(name, names)).ToList();
        Assert.Equal(values.Count, values.Distinct().Count());
        Assert.Equal(Enum.GetValues<TEnum>().Order(), values.Order());
    }
}
