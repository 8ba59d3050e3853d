using System.Text.Json;
using ClassifierToolkit.AutoML.Trials;
using OxyPlot;
using OxyPlot.Axes;
using OxyPlot.Legends;
using OxyPlot.Series;

namespace ClassifierToolkit.AutoML.Experiments;

/// <summary>
/// One small panel per searched parameter: its value against each finished trial's best validation accuracy. Numbers are a
/// scatter (log x when positive and spanning more than <see cref="LogSpan"/>×), strings and booleans a jittered column per value.
/// </summary>
internal static class ParameterPlots
{
    public const double LogSpan = 20;
    private const double Jitter = 0.3;
    private const int MaxLabel = 18;
    private const string YTitle = "best val accuracy";

    public static IReadOnlyList<PlotModel> Panels(IReadOnlyList<TrialRecord> trials)
    {
        if (ExperimentPlotStyle.NothingToPlot(trials) is { } reason) return [Message(reason)];
        var scored = trials.Where(t => t.IsFinished && t.BestValAccuracy() is not null).ToList();
        var paths = scored.SelectMany(t => t.Parameters.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
        if (paths.Count == 0) return [Message("no searched parameters")];
        return paths.Select(path => Panel(path, scored)).ToList();
    }

    private static PlotModel Panel(string path, IReadOnlyList<TrialRecord> scored)
    {
        var active = scored.Where(t => t.Parameters.ContainsKey(path)).ToList();
        var model = new PlotModel
        {
            Title = path, TitleFontSize = 12, SubtitleFontSize = 10, Background = OxyColors.White,
            Subtitle = active.Count == scored.Count ? $"{active.Count} {(active.Count == 1 ? "trial" : "trials")}" : $"set in {active.Count} of {scored.Count} trials",
        };
        // Below the plot and on every panel, so all panels keep the same plot area.
        model.Legends.Add(new Legend
        {
            LegendPlacement = LegendPlacement.Outside, LegendPosition = LegendPosition.BottomCenter, LegendOrientation = LegendOrientation.Horizontal,
            LegendFontSize = 9, LegendPadding = 2, LegendMargin = 2,
        });
        model.Axes.Add(ExperimentPlotStyle.AccuracyAxis(YTitle));
        Func<ParameterValue, TrialRecord, double> x;
        if (active.All(t => t.Parameters[path].Kind == JsonValueKind.Number))
        {
            var values = active.Select(t => t.Parameters[path].Number).ToList();
            bool log = values.Min() > 0 && values.Max() > LogSpan * values.Min();
            model.Axes.Add(log
                ? new LogarithmicAxis { Position = AxisPosition.Bottom, MinimumPadding = 0.05, MaximumPadding = 0.05 }
                : new LinearAxis { Position = AxisPosition.Bottom, MinimumPadding = 0.05, MaximumPadding = 0.05 });
            x = (value, _) => value.Number;
        }
        else
        {
            var categories = Categories(active.Select(t => t.Parameters[path]));
            // Slanted labels when the longest would run into its neighbours (about 6 pixels a character, 90 for the y axis).
            double angle = categories.Max(c => c.Length) * 6.0 > (PlotGrid.PanelWidth - 90.0) / categories.Count ? -30 : 0;
            // Without bars the axis would fit the jittered points; one unit per category keeps the labels under their columns.
            model.Axes.Add(new CategoryAxis
            {
                Position = AxisPosition.Bottom, ItemsSource = categories.Select(Shorten).ToList(), GapWidth = 0, Angle = angle,
                Minimum = -0.5, Maximum = categories.Count - 0.5,
            });
            // Trials sharing a value are spread sideways, deterministically, so they do not hide each other.
            x = (value, trial) => categories.IndexOf(value.ToString()) + Jitter * (Fraction(trial.Number * 0.6180339887) - 0.5);
        }
        foreach (var series in ExperimentPlotStyle.ScatterByState(active.Select(t =>
            (t.State, new ScatterPoint(x(t.Parameters[path], t), t.BestValAccuracy()!.Value)))))
            model.Series.Add(series);
        return model;
    }

    // Booleans read false, true; anything else sorts by text.
    internal static List<string> Categories(IEnumerable<ParameterValue> values) =>
        values.OrderBy(v => v.Kind is JsonValueKind.True or JsonValueKind.False ? 0 : 1).ThenBy(v => v.ToString(), StringComparer.Ordinal)
            .Select(v => v.ToString()).Distinct().ToList();

    private static string Shorten(string label) => label.Length <= MaxLabel ? label : label[..(MaxLabel - 1)] + "…";

    private static double Fraction(double value) => value - Math.Floor(value);

    private static PlotModel Message(string text)
    {
        var model = new PlotModel { Title = $"Parameters: {text}", TitleFontSize = 12, Background = OxyColors.White };
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Bottom, Minimum = 0, Maximum = 1 });
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Left, Title = YTitle, Minimum = 0, Maximum = 1 });
        return model;
    }
}
