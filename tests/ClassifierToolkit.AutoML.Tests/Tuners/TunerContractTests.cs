using System.Text.Json;
using ClassifierToolkit.AutoML.SearchSpaces;
using ClassifierToolkit.AutoML.Trials;
using ClassifierToolkit.AutoML.Tuners;

namespace ClassifierToolkit.AutoML.Tests.Tuners;

/// <summary>What every tuner promises, checked for every name the factory knows.</summary>
public class TunerContractTests
{
    public static TheoryData<string> Names => [.. TunerFactory.Names];

    [Theory]
    [MemberData(nameof(Names))]
    public void Ask_FreshTunerReplayingTheTrials_ProposesWhatTheContinuousTunerProposes(string name)
    {
        var space = TestSpaces.Mixed();
        var continuous = TunerFactory.Create(name, space, seed: 7);
        var objective = TunerLoop.Bowl(space);
        var told = new List<TrialRecord>();
        for (var number = 1; number <= 30; number++)
        {
            var proposal = continuous.Ask();
            var replayed = TunerFactory.Create(name, space, seed: 7);
            told.ForEach(replayed.Tell);
            Assert.Equal(proposal, replayed.Ask());
            if (proposal is null) break;
            // Every third trial fails, the others complete, so replay covers more than one state.
            var trial = number % 3 == 0 ? TestTrials.Record(number, proposal, TrialState.Failed)
                : TestTrials.Record(number, proposal, TrialState.Complete, objective(proposal));
            continuous.Tell(trial);
            told.Add(trial);
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Ask_SameSeedAndTrials_SameProposal_OtherSeed_OtherProposal(string name)
    {
        var space = TestSpaces.Mixed();
        var trials = TunerLoop.Run(TunerFactory.Create(name, space, seed: 3), TunerLoop.Bowl(space), 20);
        ParameterSet? Next(int seed)
        {
            var tuner = TunerFactory.Create(name, space, seed);
            trials.ForEach(tuner.Tell);
            return tuner.Ask();
        }
        Assert.Equal(Next(3), Next(3));
        if (name != "grid") Assert.NotEqual(Next(3), Next(4));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Ask_MixedSpace_ProposesOnlyActiveParametersWithinTheirDomains(string name)
    {
        var space = TestSpaces.Mixed();
        var trials = TunerLoop.Run(TunerFactory.Create(name, space, seed: 11), TunerLoop.Bowl(space), 60);
        Assert.NotEmpty(trials);
        foreach (var parameters in trials.Select(t => t.Parameters))
        {
            var expected = space.Active(parameters).Select(p => p.Path).Order(StringComparer.Ordinal);
            Assert.Equal(expected, parameters.Keys);
            foreach (var parameter in space.Active(parameters)) AssertWithin(parameter, parameters[parameter.Path]);
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Ask_PreviousProposalToldAsRunning_ProposesADifferentConfiguration(string name)
    {
        var space = TestSpaces.Mixed();
        foreach (var warmup in new[] { 0, 15 })
        {
            var tuner = TunerFactory.Create(name, space, seed: 5);
            var trials = TunerLoop.Run(tuner, TunerLoop.Bowl(space), warmup);
            var first = tuner.Ask()!;
            tuner.Tell(TestTrials.Record(trials.Count + 1, first, TrialState.Running));
            Assert.NotEqual(first, tuner.Ask());
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Ask_FiniteSpace_ProposesEveryConfigurationOnceBeforeRepeating(string name)
    {
        var space = TestSpaces.Finite();
        var trials = TunerLoop.Run(TunerFactory.Create(name, space, seed: 2), TunerLoop.Bowl(space), 12);
        Assert.Equal(12, trials.Select(t => t.Parameters).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Tell_TrialToldRunningThenComplete_ActsAsIfToldCompleteOnly(string name)
    {
        var space = TestSpaces.Mixed();
        var trials = TunerLoop.Run(TunerFactory.Create(name, space, seed: 6), TunerLoop.Bowl(space), 15);
        var retold = TunerFactory.Create(name, space, seed: 6);
        var once = TunerFactory.Create(name, space, seed: 6);
        foreach (var trial in trials)
        {
            retold.Tell(trial with { State = TrialState.Running, Score = null, FinishedUtc = null });
            retold.Tell(trial);
            once.Tell(trial);
        }
        Assert.Equal(once.Ask(), retold.Ask());
    }

    [Fact]
    public void Create_UnknownName_ThrowsListingTheNames()
    {
        var error = Assert.Throws<ArgumentException>(() => TunerFactory.Create("hyperband", TestSpaces.Seed(), 1));
        Assert.Equal("name", error.ParamName);
        Assert.Contains("Unknown tuner 'hyperband'. Known tuners: grid, random, cfo, tpe.", error.Message);
    }

    [Fact]
    public void Create_KnownNames_CreateTheirTuners()
    {
        var space = TestSpaces.Seed();
        Assert.IsType<GridTuner>(TunerFactory.Create("grid", space, 1));
        Assert.IsType<RandomTuner>(TunerFactory.Create("random", space, 1));
        Assert.IsType<CfoTuner>(TunerFactory.Create("CFO", space, 1));
        Assert.IsType<TpeTuner>(TunerFactory.Create("tpe", space, 1));
    }

    private static void AssertWithin(SearchParameter parameter, ParameterValue value)
    {
        switch (parameter.Domain)
        {
            case UniformDomain u:
                Assert.InRange(value.Number, u.Low, u.High);
                break;
            case LogUniformDomain l:
                Assert.InRange(value.Number, l.Low, l.High);
                break;
            case IntegerDomain i:
                Assert.Contains((int)value.Number, i.Values());
                Assert.Equal(Math.Floor(value.Number), value.Number);
                break;
            case ChoiceDomain c:
                Assert.Contains(value, c.Choices);
                break;
            default:
                Assert.Fail($"Unexpected domain {parameter.Domain}.");
                break;
        }
        Assert.NotEqual(JsonValueKind.Undefined, value.Kind);
    }
}
