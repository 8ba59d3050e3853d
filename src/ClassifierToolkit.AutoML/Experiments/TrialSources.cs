using System.Globalization;
using ClassifierToolkit.AutoML.Trials;

namespace ClassifierToolkit.AutoML.Experiments;

/// <summary>How a trial's source reads (<see cref="TrialRecord.Source"/>): shown in the leaderboard, and how imported trials are told apart.</summary>
internal static class TrialSources
{
    private const string ImportedPrefix = "imported from ";
    private const string PortfolioPrefix = "portfolio: ";
    private const string RerunPrefix = "warm start: ";

    /// <summary><c>portfolio: cnn-plus tuned</c>.</summary>
    public static string Portfolio(string recipe) => PortfolioPrefix + recipe;

    /// <summary><c>imported from study 'x' trial 3</c>: a finished trial of an earlier study, taken in with its model.</summary>
    public static string Imported(string study, int trial) => string.Create(CultureInfo.InvariantCulture, $"{ImportedPrefix}study '{study}' trial {trial}");

    /// <summary><c>warm start: study 'x' trial 3</c>, with what had to change to fit this study's space: an earlier trial to run again.</summary>
    public static string Rerun(string study, int trial, IReadOnlyList<string> changes) => string.Create(CultureInfo.InvariantCulture,
        $"{RerunPrefix}study '{study}' trial {trial}{(changes.Count == 0 ? "" : $" ({string.Join("; ", changes)})")}");

    /// <summary>True for a trial taken in from an earlier study (it was not run by this one).</summary>
    public static bool IsImported(TrialRecord trial) => trial.Source?.StartsWith(ImportedPrefix, StringComparison.Ordinal) == true;

    /// <summary>True for a starting point: a portfolio recipe or an earlier study's trial run again, both known to work.</summary>
    public static bool IsStartingPoint(TrialRecord trial) =>
        trial.Source is { } source && (source.StartsWith(PortfolioPrefix, StringComparison.Ordinal) || source.StartsWith(RerunPrefix, StringComparison.Ordinal));
}
