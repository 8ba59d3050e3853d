using ClassifierToolkit.AutoML.SearchSpaces;
using ClassifierToolkit.AutoML.Trials;
using ClassifierToolkit.AutoML.Tuners;

namespace ClassifierToolkit.AutoML.Tests.Tuners;

public class GridTunerTests
{
    [Fact]
    public void Ask_SeedGrid_ProposesTwelveDistinctPointsThenNull()
    {
        var tuner = new GridTuner(TestSpaces.Seed());
        var trials = TunerLoop.Run(tuner, _ => 0.5, 20);
        Assert.Equal(12, trials.Count);
        Assert.Equal(12, trials.Select(t => t.Parameters).Distinct().Count());
        Assert.Null(tuner.Ask());
    }

    [Fact]
    public void Points_ConditionalParameter_MultipliesOnlyTheBranchWhereItIsActive()
    {
        var points = new GridTuner(TestSpaces.Conditional()).Points().ToList();
        // 3 learning rates x (sgd with 3 momentums + adam without momentum).
        Assert.Equal(12, points.Count);
        Assert.Equal(9, points.Count(p => p.ContainsKey("training.momentum")));
        Assert.All(points, p => Assert.Equal(p["training.optimizer"].Text == "sgd", p.ContainsKey("training.momentum")));
    }

    [Fact]
    public void Points_Ranges_AreEvenlySpacedOrLogSpacedWithTheExactBounds()
    {
        var space = new SearchSpace([new("a", new LogUniformDomain(1e-4, 1e-2)), new("b", new UniformDomain(0, 1))]);
        var points = new GridTuner(space, new GridTuner.Options { PointsPerRange = 5 }).Points().ToList();
        var logValues = points.Select(p => p["a"].Number).Distinct().ToList();
        var linearValues = points.Select(p => p["b"].Number).Distinct().ToList();
        Assert.Equal(1e-4, logValues[0]);
        Assert.Equal(1e-2, logValues[^1]);
        Assert.Equal(1e-3, logValues[2], 12);
        Assert.Equal([0, 0.25, 0.5, 0.75, 1.0], linearValues);
    }

    [Fact]
    public void Points_FirstParameterVariesSlowest()
    {
        var points = new GridTuner(TestSpaces.Finite()).Points().ToList();
        Assert.Equal(12, points.Count);
        Assert.All(points.Take(4), p => Assert.Equal(32, p["model.settings.width"].Number));
        Assert.Equal(["relu", "gelu", "relu", "gelu"], points.Take(4).Select(p => p["model.activation"].Text));
    }

    [Fact]
    public void Ask_PointToldInAnyState_IsConsumed()
    {
        var tuner = new GridTuner(TestSpaces.Finite());
        var points = tuner.Points().ToList();
        tuner.Tell(TestTrials.Record(1, points[0], TrialState.Running));
        tuner.Tell(TestTrials.Record(2, points[1], TrialState.Failed));
        tuner.Tell(TestTrials.Record(3, points[3], TrialState.Pruned, 0.1));
        Assert.Equal(points[2], tuner.Ask());
    }

    [Fact]
    public void Constructor_PointsPerRangeBelowOne_ThrowsNamingTheOption()
    {
        var error = Assert.Throws<ArgumentException>(() => new GridTuner(TestSpaces.Seed(), new GridTuner.Options { PointsPerRange = 0 }));
        Assert.Contains("PointsPerRange is 0, but must be at least 1", error.Message);
    }
}
