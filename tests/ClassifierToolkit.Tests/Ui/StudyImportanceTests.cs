using ClassifierToolkit.AutoML.Trials;
using ClassifierToolkit.Cli.Ui.Studies;

namespace ClassifierToolkit.Tests.Ui;

/// <summary>The study page's parameter importance: the share of the score's variance a parameter explains on its own.</summary>
public sealed class StudyImportanceTests
{
    private static (TrialRecord, double) Trial(int number, double score, string optimizer, double learningRate, bool? mixup = null)
    {
        var parameters = ParameterSet.Empty.With("training.optimizer", ParameterValue.Of(optimizer)).With("training.learningRate", ParameterValue.Of(learningRate));
        if (mixup is { } m) parameters = parameters.With("training.mixup", ParameterValue.Of(m));
        return (new TrialRecord(number, parameters, TrialState.Complete, [], score, "test:1", DateTime.UtcNow, DateTime.UtcNow, null, null), score);
    }

    [Fact]
    public void Compute_ThePartitioningCategory_ExplainsAllTheVarianceAndTheUnrelatedNumberNone()
    {
        // The optimizer decides the score; the learning rate's bins each hold one adamw and one sgd trial.
        var trials = new[]
        {
            Trial(1, 0.9, "adamw", 0.001), Trial(2, 0.6, "sgd", 0.0011), Trial(3, 0.9, "adamw", 0.01), Trial(4, 0.6, "sgd", 0.011),
            Trial(5, 0.9, "adamw", 0.1), Trial(6, 0.6, "sgd", 0.11), Trial(7, 0.9, "adamw", 0.3), Trial(8, 0.6, "sgd", 0.31),
        };

        var importance = ParameterImportance.Compute(trials, ["training.learningRate", "training.optimizer"]);

        Assert.Equal(["training.optimizer", "training.learningRate"], importance.Select(e => e.Path));
        Assert.Equal(1, importance[0].Importance, 9);
        Assert.Equal(0, importance[1].Importance, 9);
        Assert.All(importance, e => Assert.Equal(8, e.Trials));
    }

    [Fact]
    public void Compute_AConditionalParameter_CountsUnsetAsAGroupOfItsOwn()
    {
        var trials = new[] { Trial(1, 0.9, "sgd", 0.01, mixup: true), Trial(2, 0.5, "sgd", 0.01), Trial(3, 0.5, "sgd", 0.01) };

        var importance = ParameterImportance.Compute(trials, ["training.mixup", "training.optimizer"]);

        Assert.Equal(("training.mixup", 1.0), (importance[0].Path, Math.Round(importance[0].Importance, 9)));
        Assert.Equal(0, importance[1].Importance);
    }

    [Fact]
    public void Compute_FewerThanTwoScoredTrials_SaysNothing() =>
        Assert.Empty(ParameterImportance.Compute([Trial(1, 0.9, "sgd", 0.01)], ["training.optimizer"]));
}
