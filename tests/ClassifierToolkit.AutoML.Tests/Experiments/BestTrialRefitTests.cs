using ClassifierToolkit.AutoML.Experiments;
using ClassifierToolkit.AutoML.Trials;
using ClassifierToolkit.Pipelines;
using ClassifierToolkit.Training;

namespace ClassifierToolkit.AutoML.Tests.Experiments;

public class BestTrialRefitTests
{
    private static readonly DateTime Start = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    // Four epochs in 100 s, validation accuracy best (0.90) at epoch 2 and again at epoch 4.
    private static TrialRecord Trial() => new(7, ParameterSet.FromJson("{}"), TrialState.Complete,
        [.. new[] { 0.8, 0.9, 0.85, 0.9 }.Select((a, i) => new EpochMetrics(i + 1, 0.5, 1 - a, a, 25, 0.001))], 0.9, "w", Start, Start.AddSeconds(100), null, null);

    private static PipelineSpec Pipeline(DataSpec data) => new() { Data = data };

    [Fact]
    public void Plan_BestEpoch_IsTheEarliestWithTheBestValidationScore()
    {
        var plan = BestTrialRefit.Plan(Trial(), Pipeline(new DataSpec()), MonitoredMetric.ValAccuracy, enabled: true, timeLeft: null);

        Assert.Null(plan.SkippedBecause);
        Assert.Equal((7, 2, 0.9), (plan.Trial, plan.Epochs, plan.Validation));
        Assert.Equal(2, BestTrialRefit.Plan(Trial(), Pipeline(new DataSpec()), MonitoredMetric.ValLoss, true, null).Epochs);
    }

    [Fact]
    public void Plan_FolderWithoutTestFolder_IsSkippedBecauseItWouldTrainOnTheTestPictures()
    {
        var plan = BestTrialRefit.Plan(Trial(), Pipeline(new DataSpec { Source = "folder", Path = "pictures" }), MonitoredMetric.ValAccuracy, true, null);
        var withTest = BestTrialRefit.Plan(Trial(), Pipeline(new DataSpec { Source = "folder", Path = "pictures", TestPath = "test" }), MonitoredMetric.ValAccuracy, true, null);

        Assert.Contains("no separate test set", plan.SkippedBecause);
        Assert.Contains("train on the test pictures", plan.SkippedBecause);
        Assert.Null(withTest.SkippedBecause);
    }

    [Fact]
    public void Plan_NoValidationSplitOrTurnedOff_IsSkipped()
    {
        Assert.Contains("validationFraction is 0", BestTrialRefit.Plan(Trial(), Pipeline(new DataSpec { ValidationFraction = 0 }), MonitoredMetric.ValAccuracy, true, null).SkippedBecause);
        Assert.Equal("it is turned off", BestTrialRefit.Plan(Trial(), Pipeline(new DataSpec()), MonitoredMetric.ValAccuracy, false, null).SkippedBecause);
    }

    [Fact]
    public void Plan_TimeBudget_EstimatesFromTheTrialAndSkipsWhenItDoesNotFit()
    {
        // 100 s × 2 / 4 epochs / (1 − 0.2) × 1.1 = 68.75 s.
        Assert.Equal(68.75, BestTrialRefit.Estimate(Trial(), new DataSpec(), 2)!.Value.TotalSeconds, 6);
        Assert.Null(BestTrialRefit.Plan(Trial(), Pipeline(new DataSpec()), MonitoredMetric.ValAccuracy, true, TimeSpan.FromSeconds(70)).SkippedBecause);
        var tight = BestTrialRefit.Plan(Trial(), Pipeline(new DataSpec()), MonitoredMetric.ValAccuracy, true, TimeSpan.FromSeconds(60));
        Assert.Contains("about 69 s", tight.SkippedBecause);
        Assert.Contains("more than the 60 s left of the time budget", tight.SkippedBecause);
    }

    [Fact]
    public void Spec_TrainsOnAllTheDataForTheBestEpochsWithoutEarlyStoppingOrBestWeights()
    {
        var pipeline = new PipelineSpec { Training = new TrainingSpec { Epochs = 12, KeepBest = MonitoredMetric.ValAccuracy, EarlyStopping = new EarlyStoppingSpec() } };
        var spec = BestTrialRefit.Spec(pipeline, 5, "s-refit");

        Assert.Equal((0.0, 5, "s-refit"), (spec.Data.ValidationFraction, spec.Training.Epochs, spec.Name));
        Assert.Null(spec.Training.KeepBest);
        Assert.Null(spec.Training.EarlyStopping);
    }
}
