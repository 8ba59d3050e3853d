using ClassifierToolkit.AutoML.Pruning;
using ClassifierToolkit.AutoML.Trials;

namespace ClassifierToolkit.AutoML.Tests.Pruning;

public class AshaPrunerTests
{
    private readonly AshaPruner _pruner = new();

    [Theory]
    [InlineData(27, new[] { 1, 3, 9 })]
    [InlineData(9, new[] { 1, 3 })]
    [InlineData(1, new int[0])]
    public void Rungs_Defaults_AreGracePeriodTimesPowersOfTheFactorBelowMaxEpochs(int epochs, int[] expected) =>
        Assert.Equal(expected, _pruner.Rungs(epochs));

    [Fact]
    public void Decide_AtARung_KeepsTheTopThirdAndStopsTheRest()
    {
        // Nine trials reached epoch 3 with scores 0.1 ... 0.9; each one decides with the whole study as it stands.
        var study = Enumerable.Range(1, 9).Select(i => TestTrials.Scored(i, TrialState.Running, 0.5, 0.5, i / 10.0)).ToList();
        var decisions = study.Select(trial => _pruner.Decide(TestTrials.Report(trial, 27, study))).ToList();
        Assert.Equal(Enumerable.Repeat(TrialDecision.Stop, 6).Concat(Enumerable.Repeat(TrialDecision.Continue, 3)), decisions);
    }

    [Fact]
    public void Decide_StudyInAnyOrder_DecidesAlike()
    {
        var study = Enumerable.Range(1, 9).Select(i => TestTrials.Scored(i, TrialState.Complete, (i * 7 % 9) / 10.0)).ToList();
        var trial = TestTrials.Scored(10, TrialState.Running, 0.65);
        var forward = _pruner.Decide(TestTrials.Report(trial, 27, study.Append(trial)));
        var backward = _pruner.Decide(TestTrials.Report(trial, 27, study.Append(trial).Reverse()));
        Assert.Equal(forward, backward);
    }

    [Fact]
    public void Decide_AloneAtARung_Continues()
    {
        var trial = TestTrials.Scored(1, TrialState.Running, 0.01);
        Assert.Equal(TrialDecision.Continue, _pruner.Decide(TestTrials.Report(trial, 27, [trial])));
    }

    [Fact]
    public void Decide_BetweenOrAfterTheRungs_Continues()
    {
        var study = Enumerable.Range(1, 9).Select(i => TestTrials.Scored(i, TrialState.Complete, Enumerable.Repeat(0.9, 27).ToArray())).ToList();
        foreach (var epoch in new[] { 2, 4, 10, 26, 27 })
        {
            var trial = TestTrials.Scored(10, TrialState.Running, Enumerable.Repeat(0.1, epoch).ToArray());
            Assert.Equal(TrialDecision.Continue, _pruner.Decide(TestTrials.Report(trial, 27, study.Append(trial))));
        }
    }

    [Fact]
    public void Decide_ReportedTrialInTheStudyWithStaleScores_UsesTheReportsScores()
    {
        var others = Enumerable.Range(1, 2).Select(i => TestTrials.Scored(i, TrialState.Complete, 0.5)).ToList();
        // The store's copy of trial 3 still holds a score it no longer has; counting it would stop the trial.
        var stale = TestTrials.Scored(3, TrialState.Running, 0.95);
        var current = TestTrials.Scored(3, TrialState.Running, 0.9);
        Assert.Equal(TrialDecision.Continue, _pruner.Decide(TestTrials.Report(current, 9, others.Append(stale))));
    }

    [Theory]
    [InlineData(1, 1, "ReductionFactor is 1, but must be at least 2")]
    [InlineData(0, 3, "GracePeriod is 0, but must be at least 1")]
    public void Constructor_SettingOutOfRange_ThrowsNamingIt(int gracePeriod, int reductionFactor, string expected)
    {
        var options = new AshaPruner.Options { GracePeriod = gracePeriod, ReductionFactor = reductionFactor };
        Assert.Contains(expected, Assert.Throws<ArgumentException>(() => new AshaPruner(options)).Message);
    }
}
