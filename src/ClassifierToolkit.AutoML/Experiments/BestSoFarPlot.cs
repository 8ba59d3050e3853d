using ClassifierToolkit.AutoML.Trials;
using ClassifierToolkit.Evaluation;
using OxyPlot;
using OxyPlot.Axes;
using OxyPlot.Legends;
using OxyPlot.Series;

namespace ClassifierToolkit.AutoML.Experiments;

/// <summary>Best validation accuracy so far against wall time: a step line per study, and for a single study each trial as a point.</summary>
internal static class BestSoFarPlot
{
    public const int Width = 900;
    public const int Height = 550;
    private const string Title = "Best validation accuracy so far";

    public static PlotModel Build(IReadOnlyList<ExperimentReport.Curve> curves)
    {
        var model = new PlotModel { Title = Title, Background = OxyColors.White };
        var x = new LinearAxis { Position = AxisPosition.Bottom, Title = "minutes since the study started", MinimumPadding = 0.02, MaximumPadding = 0.02 };
        var y = ExperimentPlotStyle.AccuracyAxis("validation accuracy");
        model.Axes.Add(x);
        model.Axes.Add(y);
        model.Legends.Add(new Legend { LegendPlacement = LegendPlacement.Outside, LegendPosition = LegendPosition.RightTop });
        for (int i = 0; i < curves.Count; i++)
        {
            var step = Steps(curves[i]);
            step.Color = ReportPlots.SeriesColors[i % ReportPlots.SeriesColors.Length];
            model.Series.Add(step);
        }
        if (curves.Count == 1)
        {
            var curve = curves[0];
            model.Subtitle = $"{curve.Name}: the line is the best so far over finished trials; points are each trial's own best, by state";
            foreach (var series in ExperimentPlotStyle.ScatterByState(curve.Trials
                .Where(t => t.IsFinished && t.BestValAccuracy() is not null)
                .Select(t => (t.State, new ScatterPoint(t.FinishedMinutes(curve.StartUtc)!.Value, t.BestValAccuracy()!.Value)))))
                model.Series.Add(series);
        }
        if (ExperimentPlotStyle.NothingToPlot(curves.SelectMany(c => c.Trials)) is { } reason)
        {
            model.Title = $"{Title}: {reason}";
            // An empty plot still needs a sensible frame, and nothing to explain.
            (x.Minimum, x.Maximum, y.Minimum, y.Maximum) = (0, 1, 0, 1);
            model.Subtitle = null;
            model.IsLegendVisible = false;
        }
        return model;
    }

    /// <summary>The best validation accuracy so far, one point per finished trial (in finishing order, minutes since
    /// <paramref name="startUtc"/>), from the first trial with one on, so the line runs to the last trial.</summary>
    public static IReadOnlyList<DataPoint> Points(IReadOnlyList<TrialRecord> trials, DateTime startUtc)
    {
        var points = new List<DataPoint>();
        double? best = null;
        foreach (var trial in trials.Where(t => t.IsFinished).OrderBy(t => t.FinishedUtc).ThenBy(t => t.Number))
        {
            if (trial.BestValAccuracy() is { } accuracy && (best is null || accuracy > best)) best = accuracy;
            if (best is { } value) points.Add(new DataPoint(trial.FinishedMinutes(startUtc)!.Value, value));
        }
        return points;
    }

    private static StairStepSeries Steps(ExperimentReport.Curve curve)
    {
        var series = new StairStepSeries { Title = curve.Name, StrokeThickness = 2 };
        series.Points.AddRange(Points(curve.Trials, curve.StartUtc));
        return series;
    }
}
