using ClassifierToolkit.AutoML.Pruning;
using ClassifierToolkit.AutoML.Trials;

namespace ClassifierToolkit.AutoML.Tests.Pruning;

public class MedianPrunerTests
{
    private readonly MedianPruner _pruner = new();

    // Three finished trials scoring 0.6, 0.7, 0.8 at every epoch: the median is 0.7.
    private static readonly List<ScoredTrial> Finished =
        [.. new[] { 0.6, 0.7, 0.8 }.Select((s, i) => TestTrials.Scored(i + 1, TrialState.Complete, s, s, s, s))];

    [Fact]
    public void Decide_ClearlyWorseTrial_Stops() =>
        Assert.Equal(TrialDecision.Stop, Decide(0.2, 0.3));

    [Fact]
    public void Decide_BetterTrial_Continues() =>
        Assert.Equal(TrialDecision.Continue, Decide(0.5, 0.75));

    [Fact]
    public void Decide_BestScoreSoFarAboveTheMedian_Continues() =>
        Assert.Equal(TrialDecision.Continue, Decide(0.75, 0.3));

    [Fact]
    public void Decide_AtOrBeforeTheWarmup_Continues()
    {
        var pruner = new MedianPruner(new MedianPruner.Options { WarmupEpochs = 2 });
        Assert.Equal(TrialDecision.Continue, Decide(pruner, Finished, 0.1));
        Assert.Equal(TrialDecision.Continue, Decide(pruner, Finished, 0.1, 0.1));
        Assert.Equal(TrialDecision.Stop, Decide(pruner, Finished, 0.1, 0.1, 0.1));
    }

    [Fact]
    public void Decide_FewerFinishedTrialsThanStartupTrials_Continues() =>
        Assert.Equal(TrialDecision.Continue, Decide(_pruner, Finished.Take(2).Append(TestTrials.Scored(3, TrialState.Running, 0.9, 0.9)).ToList(), 0.1, 0.1));

    [Fact]
    public void Decide_FailedTrialsAreNotCompared()
    {
        var study = Finished.Append(TestTrials.Scored(4, TrialState.Failed, 0.99, 0.99)).Append(TestTrials.Scored(5, TrialState.Failed, 0.99, 0.99)).ToList();
        // With the failed trials the median would be 0.8; without, 0.7.
        Assert.Equal(TrialDecision.Continue, Decide(_pruner, study, 0.5, 0.75));
    }

    private TrialDecision Decide(params double[] scores) => Decide(_pruner, Finished, scores);

    private static TrialDecision Decide(MedianPruner pruner, List<ScoredTrial> others, params double[] scores)
    {
        var trial = TestTrials.Scored(99, TrialState.Running, scores);
        return pruner.Decide(TestTrials.Report(trial, 10, others.Append(trial)));
    }
}
