using ClassifierToolkit.AutoML.SearchSpaces;
using ClassifierToolkit.AutoML.Trials;
using ClassifierToolkit.AutoML.Tuners;

namespace ClassifierToolkit.AutoML.Tests.Tuners;

public class CfoTunerTests
{
    // Unit ranges, so values are coordinates.
    private static readonly SearchSpace Square = new([new("x", new UniformDomain(0, 1)), new("y", new UniformDomain(0, 1))]);

    [Fact]
    public void Ask_NothingTold_StartsMidRangeAtTheFirstChoice_CostRelatedAtTheLowEnd()
    {
        var space = new SearchSpace([
            new("training.learningRate", new LogUniformDomain(1e-4, 1e-2)),
            new("training.epochs", new IntegerDomain(1, 9)),
            new("training.optimizer", TestSpaces.Choice("sgd", "adam")),
        ]);
        var start = new CfoTuner(space, 1).Ask()!;
        Assert.Equal(1e-3, start["training.learningRate"].Number, 12);
        Assert.Equal(5, start["training.epochs"].Number);
        Assert.Equal("sgd", start["training.optimizer"].Text);
        var frugal = new CfoTuner(space, 1, new CfoTuner.Options { CostRelatedPaths = ["training.epochs"] }).Ask()!;
        Assert.Equal(1, frugal["training.epochs"].Number);
    }

    [Fact]
    public void Ask_NewDirectionDidNotImprove_TriesTheOppositeDirection()
    {
        var tuner = new CfoTuner(Square, 3);
        var start = tuner.Ask()!;
        tuner.Tell(TestTrials.Record(1, start, TrialState.Complete, 0.0));
        var forward = tuner.Ask()!;
        tuner.Tell(TestTrials.Record(2, forward, TrialState.Complete, -1.0));
        var backward = tuner.Ask()!;
        foreach (var axis in new[] { "x", "y" })
            Assert.Equal(start[axis].Number - forward[axis].Number, backward[axis].Number - start[axis].Number, 9);
        // The initial step is 0.1 sqrt(d).
        Assert.Equal(0.1 * Math.Sqrt(2), Distance(start, forward), 9);
    }

    [Fact]
    public void Ask_ProposalImproved_MovesThereAndSearchesAroundIt()
    {
        var tuner = new CfoTuner(Square, 3);
        var start = tuner.Ask()!;
        tuner.Tell(TestTrials.Record(1, start, TrialState.Complete, 0.0));
        var better = tuner.Ask()!;
        tuner.Tell(TestTrials.Record(2, better, TrialState.Complete, 1.0));
        var next = tuner.Ask()!;
        Assert.Equal(0.1 * Math.Sqrt(2), Distance(better, next), 9);
    }

    [Fact]
    public void Ask_PrunedOrFailedProposal_CountsAsNotImproving()
    {
        foreach (var state in new[] { TrialState.Pruned, TrialState.Failed })
        {
            var tuner = new CfoTuner(Square, 3);
            var start = tuner.Ask()!;
            tuner.Tell(TestTrials.Record(1, start, TrialState.Complete, 0.0));
            var forward = tuner.Ask()!;
            tuner.Tell(TestTrials.Record(2, forward, state, state == TrialState.Pruned ? 5.0 : null));
            var backward = tuner.Ask()!;
            Assert.Equal(start["x"].Number - forward["x"].Number, backward["x"].Number - start["x"].Number, 9);
        }
    }

    [Fact]
    public void Ask_StartFailed_ProposesAnotherPoint()
    {
        var tuner = new CfoTuner(Square, 3);
        var start = tuner.Ask()!;
        tuner.Tell(TestTrials.Record(1, start, TrialState.Failed));
        Assert.NotEqual(start, tuner.Ask());
    }

    [Fact]
    public void Replay_SearchStuck_ShrinksTheStepThenRestarts()
    {
        // Twenty integer values: one cell is 1/20 of the coordinate, so the step bottoms out at 0.05 (d = 1).
        var space = new SearchSpace([new("x", new IntegerDomain(1, 20))]);
        var coordinates = new CfoCoordinates(space);
        static ParameterSet At(int x) => new([KeyValuePair.Create("x", ParameterValue.Of(x))]);
        var trials = new List<TrialRecord> { TestTrials.Record(1, At(11), TrialState.Complete, 1.0) };
        var shrunk = false;
        for (var number = 2; number < 100; number++)
        {
            trials.Add(TestTrials.Record(number, At(number % 2 == 0 ? 12 : 10), TrialState.Complete, 0.0));
            var search = CfoSearch.Replay(coordinates, [0.5], trials);
            if (search.Restarts > 0)
            {
                Assert.True(shrunk, "The step never shrank before the restart.");
                Assert.Null(search.Incumbent);
                Assert.Equal(search.InitialStep, search.Step);
                return;
            }
            shrunk |= search.Step < search.InitialStep;
        }
        Assert.Fail("The search never restarted.");
    }

    [Fact]
    public void Replay_StartingPoints_CompeteForTheIncumbentWithoutCountingAsFailedMoves()
    {
        static TrialRecord Point(int number, double x, double y, double score, string? source) =>
            TestTrials.Record(number, new([KeyValuePair.Create("x", ParameterValue.Of(x)), KeyValuePair.Create("y", ParameterValue.Of(y))]), TrialState.Complete, score)
                with { Source = source };
        var coordinates = new CfoCoordinates(Square);

        var seeded = CfoSearch.Replay(coordinates, [0.5, 0.5], [Point(1, 0.2, 0.8, 1.0, "portfolio: a"), Point(2, 0.9, 0.1, 0.5, "portfolio: b")]);
        var overtaken = CfoSearch.Replay(coordinates, [0.5, 0.5], [Point(1, 0.5, 0.5, 0.1, null), Point(2, 0.9, 0.1, 0.5, "imported from study 'x' trial 1")]);

        Assert.Equal([0.2, 0.8], seeded.Incumbent!);
        Assert.Equal((0, null, seeded.InitialStep), (seeded.SinceMove, seeded.Last, seeded.Step));
        Assert.Equal([0.9, 0.1], overtaken.Incumbent!);
    }

    [Fact]
    public void Ask_OnlyChoices_StillFindsUntoldConfigurations()
    {
        var space = new SearchSpace([new("a", TestSpaces.Choice("p", "q", "r")), new("b", TestSpaces.Choice("s", "t"))]);
        var trials = TunerLoop.Run(new CfoTuner(space, 9), p => p["a"].Text == "r" ? 1 : 0, 6);
        Assert.Equal(6, trials.Select(t => t.Parameters).Distinct().Count());
    }

    [Fact]
    public void Constructor_CostRelatedPathNotNumeric_ThrowsListingTheNumericPaths()
    {
        var error = Assert.Throws<ArgumentException>(() => new CfoTuner(TestSpaces.Seed(), 1, new CfoTuner.Options { CostRelatedPaths = ["training.optimizer"] }));
        Assert.Contains("CostRelatedPaths names 'training.optimizer', which is not a numeric search parameter (numeric parameters: training.learningRate)", error.Message);
    }

    private static double Distance(ParameterSet a, ParameterSet b) =>
        Math.Sqrt(a.Keys.Sum(k => Math.Pow(a[k].Number - b[k].Number, 2)));
}
