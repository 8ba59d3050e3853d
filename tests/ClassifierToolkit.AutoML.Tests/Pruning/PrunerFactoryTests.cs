using ClassifierToolkit.AutoML.Pruning;
using ClassifierToolkit.AutoML.Trials;

namespace ClassifierToolkit.AutoML.Tests.Pruning;

public class PrunerFactoryTests
{
    [Fact]
    public void Create_KnownNames_CreateTheirPruners()
    {
        Assert.IsType<AshaPruner>(PrunerFactory.Create("asha"));
        Assert.IsType<MedianPruner>(PrunerFactory.Create("Median"));
        Assert.IsType<NoPruner>(PrunerFactory.Create("none"));
    }

    [Fact]
    public void Create_UnknownName_ThrowsListingTheNames()
    {
        var error = Assert.Throws<ArgumentException>(() => PrunerFactory.Create("hyperband"));
        Assert.Equal("name", error.ParamName);
        Assert.Contains("Unknown pruner 'hyperband'. Known pruners: asha, median, none.", error.Message);
    }

    [Fact]
    public void FromJson_AshaSettings_AreApplied()
    {
        var pruner = Assert.IsType<AshaPruner>(PrunerFactory.FromJson("""{"kind":"asha","gracePeriod":2,"reductionFactor":2}"""));
        Assert.Equal([2, 4, 8], pruner.Rungs(10));
    }

    [Theory]
    [InlineData("""{"kind":"asha","reductionFactor":1}""", "ReductionFactor is 1, but must be at least 2")]
    [InlineData("""{"kind":"asha","warmupEpochs":1}""", "Pruner 'asha' has no setting 'warmupEpochs' (its settings: gracePeriod, reductionFactor)")]
    [InlineData("""{"gracePeriod":1}""", "Pruner settings lack 'kind' (asha, median, none)")]
    [InlineData("""{"kind":"median","startupTrials":"3"}""", "Pruner setting 'startupTrials' must be a whole number")]
    [InlineData("""{"kind":"sha"}""", "Unknown pruner 'sha'. Known pruners: asha, median, none.")]
    [InlineData("asha", "Pruner settings are not valid JSON")]
    public void FromJson_BadSettings_ThrowSayingWhatIsWrong(string json, string expected) =>
        Assert.Contains(expected, Assert.Throws<ArgumentException>(() => PrunerFactory.FromJson(json)).Message);

    [Fact]
    public void Decide_NoPruner_AlwaysContinues()
    {
        var trial = TestTrials.Scored(1, TrialState.Running, double.NaN);
        Assert.Equal(TrialDecision.Continue, new NoPruner().Decide(TestTrials.Report(trial, 3, [trial])));
    }
}
