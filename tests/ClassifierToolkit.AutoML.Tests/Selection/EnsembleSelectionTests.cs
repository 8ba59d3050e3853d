using ClassifierToolkit.AutoML.Selection;

namespace ClassifierToolkit.AutoML.Tests.Selection;

public class EnsembleSelectionTests
{
    // Three classes, six images with labels 0,1,2,0,1,2. Three models are each wrong on a different pair of images: their
    // average is right everywhere (two out-vote the wrong one), which none is alone.
    private static readonly int[] Labels = [0, 1, 2, 0, 1, 2];

    private static float[] Model(Func<int, int> predicted, float confidence = 0.8f)
    {
        var rows = new float[Labels.Length * 3];
        for (int i = 0; i < Labels.Length; i++)
            for (int k = 0; k < 3; k++) rows[i * 3 + k] = k == predicted(i) ? confidence : (1 - confidence) / 2;
        return rows;
    }

    private static readonly float[] RightOnFirstFour = Model(i => i < 4 ? Labels[i] : (Labels[i] + 1) % 3);
    private static readonly float[] RightOnLastFour = Model(i => i >= 2 ? Labels[i] : (Labels[i] + 1) % 3);
    private static readonly float[] AlwaysWrong = Model(i => (Labels[i] + 2) % 3, 0.9f);
    private static readonly float[] WrongInTheMiddle = Model(i => i is 2 or 3 ? (Labels[i] + 1) % 3 : Labels[i]);

    [Fact]
    public void Select_ComplementaryModels_AveragesThemAndBeatsEachAlone()
    {
        var models = new[] { RightOnFirstFour, RightOnLastFour, AlwaysWrong, WrongInTheMiddle };
        var weights = EnsembleSelection.Select(models, Labels, 3, maxMembers: 5);

        Assert.Equal(1.0, weights.Sum(), 6);
        Assert.Equal(0, weights[2]);
        Assert.True(weights[0] > 0 && weights[1] > 0 && weights[3] > 0, string.Join(", ", weights));
        Assert.All(models, m => Assert.True(EnsembleSelection.Evaluate([m], [1.0], Labels, 3).Accuracy < 1.0));
        var ensemble = EnsembleSelection.Evaluate(models, weights, Labels, 3);
        Assert.Equal(1.0, ensemble.Accuracy);
        Assert.True(ensemble.Accuracy > EnsembleSelection.Evaluate(models, [1.0, 0, 0, 0], Labels, 3).Accuracy);
    }

    [Fact]
    public void Select_OneMemberAllowed_KeepsTheBestSingleModel()
    {
        var weights = EnsembleSelection.Select([AlwaysWrong, RightOnLastFour, RightOnFirstFour], Labels, 3, maxMembers: 1);

        Assert.Equal([0.0, 1.0, 0.0], weights);
    }

    [Fact]
    public void Select_AllowedSets_LeavesOutModelsTheLimitRefuses()
    {
        // As a latency limit would: model 1 may not join model 0.
        var weights = EnsembleSelection.Select([RightOnFirstFour, RightOnLastFour], Labels, 3, maxMembers: 5, allowed: set => !set.Contains(1) || set.Count == 1);

        Assert.Single(weights, w => w > 0);
    }

    [Fact]
    public void Select_NothingAllowed_SaysSo()
    {
        var error = Assert.Throws<ArgumentException>(() => EnsembleSelection.Select([RightOnFirstFour], Labels, 3, 5, allowed: _ => false));
        Assert.Contains("latency limit", error.Message);
    }
}
