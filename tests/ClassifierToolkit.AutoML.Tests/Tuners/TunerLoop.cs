using ClassifierToolkit.AutoML.SearchSpaces;
using ClassifierToolkit.AutoML.Trials;
using ClassifierToolkit.AutoML.Tuners;

namespace ClassifierToolkit.AutoML.Tests.Tuners;

/// <summary>Runs tuners on synthetic objectives (higher is better).</summary>
internal static class TunerLoop
{
    /// <summary>
    /// Asks <paramref name="tuner"/> for up to <paramref name="trials"/> configurations one after another, telling each
    /// as complete with its <paramref name="objective"/>; stops early when the tuner is exhausted.
    /// </summary>
    public static List<TrialRecord> Run(ITuner tuner, Func<ParameterSet, double> objective, int trials)
    {
        var told = new List<TrialRecord>();
        for (var number = 1; number <= trials; number++)
        {
            var parameters = tuner.Ask();
            if (parameters is null) break;
            var trial = TestTrials.Record(number, parameters, TrialState.Complete, objective(parameters));
            tuner.Tell(trial);
            told.Add(trial);
        }
        return told;
    }

    /// <summary>
    /// A bowl over the unit coordinates of every parameter present: numbers best at <paramref name="center"/> of their
    /// (log-)normalized range, choices best at their first value.
    /// </summary>
    public static Func<ParameterSet, double> Bowl(SearchSpace space, double center = 0.3) => parameters =>
    {
        double loss = 0;
        foreach (var parameter in space.Parameters)
        {
            if (!parameters.TryGetValue(parameter.Path, out var value)) continue;
            if (parameter.Domain is ChoiceDomain choice) loss += choice.Choices[0].Equals(value) ? 0 : 0.05;
            else if (UnitCoordinate.TryEncode(parameter.Domain, value, out var x)) loss += (x - center) * (x - center);
        }
        return -loss;
    };
}
