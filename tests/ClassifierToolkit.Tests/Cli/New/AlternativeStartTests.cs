using ClassifierToolkit.AutoML.Experiments;
using ClassifierToolkit.AutoML.Trials;
using ClassifierToolkit.Cli.New;
using ClassifierToolkit.Data;

namespace ClassifierToolkit.Tests.Cli.New;

/// <summary>When <c>ctk new</c> also tries the built-in backbone beside scratch, and which model it keeps.</summary>
public class AlternativeStartTests
{
    private static readonly ImageFolderSummary SmallGrey = new("/data", [("a", 500), ("b", 500)], 1000, 28, 28, 28, 28, 1000, [], 0);
    private static readonly ImageFolderSummary Colour = new("/data", [("a", 500), ("b", 500)], 1000, 300, 300, 300, 300, 0, [], 0);

    [Fact]
    public void For_SmallGreyPictures_TriesTheBackbone_WhenItsShareOfTheTimeIsLongEnough()
    {
        var scratch = WeightsChoice.For(SmallGrey);
        Assert.Null(scratch.Weights);

        var alternative = AlternativeStart.Candidate(scratch, TimeSpan.FromMinutes(3));
        Assert.Equal("imagenet", alternative!.Weights);
        Assert.Equal("resnet-mlnet", alternative.Pretrained!.Model);
        // A third of 30 s is under the 15 s a backbone needs to load, measure itself and train a head.
        Assert.Null(AlternativeStart.Candidate(scratch, TimeSpan.FromSeconds(30)));
        // Colour pictures start from the backbone, and scratch, 20 points behind on real pictures, is not tried beside it.
        Assert.Null(AlternativeStart.Candidate(WeightsChoice.For(Colour), TimeSpan.FromHours(1)));
    }

    [Fact]
    public void Fits_WhenOnePassOfTheImagesThroughTheBackboneLeavesTimeForHeads()
    {
        // 1,000 images at 0.03 s a training step: 10 s forward only.
        Assert.True(AlternativeStart.Fits(1000, 0.03, TimeSpan.FromSeconds(20), out var why));
        Assert.Contains("1,000 images", why);
        Assert.False(AlternativeStart.Fits(60_000, 0.03, TimeSpan.FromMinutes(10), out why));
        Assert.Contains("about 600 s of its 600 s", why);
    }

    [Fact]
    public void Outcome_KeepsTheBetterValidationAccuracy_AndTheMainSearchOnATie()
    {
        var scratch = Attempt(WeightsChoice.For(SmallGrey), 0.90);
        var better = Attempt(AlternativeStart.Candidate(scratch.Start, TimeSpan.FromMinutes(3))!, 0.93);
        var same = better with { Result = Result(0.90) };

        var outcome = NewOutcome.Of(scratch, better);
        Assert.Same(better, outcome.Kept);
        Assert.Same(scratch, outcome.Other);
        Assert.Equal("the model trained on the ImageNet backbone (validation accuracy 0.9300) over the one trained from scratch (0.9000)", outcome.Comparison);
        Assert.Same(scratch, NewOutcome.Of(scratch, same).Kept);
        Assert.Null(NewOutcome.Of(scratch, null).Comparison);
    }

    private static NewAttempt Attempt(WeightsChoice start, double accuracy) => new(start, new InputChoice(28, 1, false, "28×28"), Result(accuracy));

    private static ExperimentResult Result(double accuracy)
    {
        var best = new TrialRecord(1, ParameterSet.Empty, TrialState.Complete, [], accuracy, "test:1", DateTime.UtcNow, DateTime.UtcNow, null, null);
        return new ExperimentResult("study", [best], best, null, "/out/automl/best.zip", null, TimeSpan.FromMinutes(1));
    }
}
