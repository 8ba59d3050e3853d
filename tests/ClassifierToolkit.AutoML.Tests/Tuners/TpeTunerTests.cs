using ClassifierToolkit.AutoML.SearchSpaces;
using ClassifierToolkit.AutoML.Trials;
using ClassifierToolkit.AutoML.Tuners;

namespace ClassifierToolkit.AutoML.Tests.Tuners;

public class TpeTunerTests
{
    [Fact]
    public void Ask_BeforeStartupTrials_ProposesWhatRandomSearchProposes()
    {
        var space = TestSpaces.Mixed();
        var tpe = TunerLoop.Run(new TpeTuner(space, 21), TunerLoop.Bowl(space), TpeTuner.Defaults.StartupTrials);
        var random = TunerLoop.Run(new RandomTuner(space, 21), TunerLoop.Bowl(space), TpeTuner.Defaults.StartupTrials);
        Assert.Equal(random.Select(t => t.Parameters), tpe.Select(t => t.Parameters));
    }

    [Fact]
    public void Ask_AfterStartup_ProposesNearTheGoodTrials()
    {
        var space = new SearchSpace([new("x", new UniformDomain(0, 1)), new("optimizer", TestSpaces.Choice("sgd", "adam", "adamw"))]);
        var optimizers = new[] { "sgd", "adam", "adamw" };
        var trials = Enumerable.Range(1, 30).Select(i =>
        {
            var x = (i - 0.5) / 30;
            var optimizer = optimizers[i % 3];
            var parameters = new ParameterSet([KeyValuePair.Create("x", ParameterValue.Of(x)), KeyValuePair.Create("optimizer", ParameterValue.Of(optimizer))]);
            return TestTrials.Record(i, parameters, TrialState.Complete, -Math.Abs(x - 0.7) - (optimizer == "adam" ? 0 : 0.05));
        }).ToList();
        var proposals = Enumerable.Range(0, 20).Select(seed =>
        {
            var tuner = new TpeTuner(space, seed);
            trials.ForEach(tuner.Tell);
            return tuner.Ask()!;
        }).ToList();
        Assert.True(proposals.Count(p => Math.Abs(p["x"].Number - 0.7) < 0.15) >= 16, string.Join("; ", proposals));
        Assert.True(proposals.Count(p => p["optimizer"].Text == "adam") >= 14, string.Join("; ", proposals));
    }

    [Fact]
    public void Ask_ConditionalParameter_FitsOnlyWhereItWasActive()
    {
        // Momentum scores well near 0.9 on sgd; adam trials carry no momentum and must not disturb its estimators.
        var space = TestSpaces.Conditional();
        var tuner = new TpeTuner(space, 8, new TpeTuner.Options { StartupTrials = 5 });
        var trials = TunerLoop.Run(tuner, p => p["training.optimizer"].Text == "sgd" ? -Math.Abs(p["training.momentum"].Number - 0.9) : -1, 40);
        var late = trials.Skip(25).Select(t => t.Parameters).ToList();
        Assert.True(late.Count(p => p["training.optimizer"].Text == "sgd") >= 10);
        Assert.All(late.Where(p => p.ContainsKey("training.momentum")), p => Assert.Equal("sgd", p["training.optimizer"].Text));
    }

    [Theory]
    [InlineData(-1, 24, 1.0, "StartupTrials is -1")]
    [InlineData(10, 0, 1.0, "CandidateCount is 0")]
    [InlineData(10, 24, 0.0, "PriorWeight is 0")]
    public void Constructor_SettingOutOfRange_ThrowsNamingIt(int startup, int candidates, double priorWeight, string expected)
    {
        var options = new TpeTuner.Options { StartupTrials = startup, CandidateCount = candidates, PriorWeight = priorWeight };
        Assert.Contains(expected, Assert.Throws<ArgumentException>(() => new TpeTuner(TestSpaces.Seed(), 1, options)).Message);
    }
}
