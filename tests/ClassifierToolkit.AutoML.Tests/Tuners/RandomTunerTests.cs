using ClassifierToolkit.AutoML.SearchSpaces;
using ClassifierToolkit.AutoML.Tuners;

namespace ClassifierToolkit.AutoML.Tests.Tuners;

public class RandomTunerTests
{
    private const int Draws = 2000;

    [Fact]
    public void Ask_LogScaledDomains_SpreadEvenlyOverTheLogarithm()
    {
        var space = new SearchSpace([new("lr", new LogUniformDomain(1e-6, 1)), new("batch", new IntegerDomain(1, 1024, Log: true))]);
        var draws = TunerLoop.Run(new RandomTuner(space, seed: 1), _ => 0, Draws).Select(t => t.Parameters).ToList();
        // Half of a log-uniform's mass lies below the geometric midpoint: 1e-3 and 32.
        Assert.InRange(draws.Count(p => p["lr"].Number < 1e-3), 0.45 * Draws, 0.55 * Draws);
        Assert.InRange(draws.Count(p => p["batch"].Number < 32), 0.42 * Draws, 0.55 * Draws);
    }

    [Fact]
    public void Ask_StepInteger_DrawsEveryValueOnTheStepGridAlike()
    {
        var space = new SearchSpace([new("width", new IntegerDomain(16, 64, 16))]);
        var counts = Enumerable.Range(0, 400).Select(seed => new RandomTuner(space, seed).Ask()!["width"].Number)
            .GroupBy(v => v).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal([16.0, 32, 48, 64], counts.Keys.Order());
        Assert.All(counts.Values, c => Assert.InRange(c, 70, 130));
    }

    [Fact]
    public void Ask_FiniteSpaceExhausted_StillProposes()
    {
        var tuner = new RandomTuner(TestSpaces.Finite(), seed: 4);
        TunerLoop.Run(tuner, _ => 0, 12);
        Assert.NotNull(tuner.Ask());
    }

    [Fact]
    public void Ask_HugeIntegerRange_DoesNotListItsValues()
    {
        var space = new SearchSpace([new("seed", new IntegerDomain(0, int.MaxValue - 1)), new("optimizer", TestSpaces.Choice("sgd", "adam"))]);
        var trials = TunerLoop.Run(new RandomTuner(space, 1), _ => 0, 5);
        Assert.Equal(5, trials.Select(t => t.Parameters).Distinct().Count());
    }
}
