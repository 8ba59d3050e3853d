using ClassifierToolkit.AutoML.Trials;
using ClassifierToolkit.Evaluation;
using OxyPlot;
using OxyPlot.Axes;
using OxyPlot.Series;

namespace ClassifierToolkit.AutoML.Experiments;

/// <summary>What every experiment plot shares, so a state's colour and the accuracy scale read the same everywhere.</summary>
internal static class ExperimentPlotStyle
{
    private static OxyColor Color(TrialState state) => state switch
    {
        TrialState.Complete => ReportPlots.SeriesColors[2],
        TrialState.Pruned => ReportPlots.SeriesColors[1],
        TrialState.Failed => ReportPlots.SeriesColors[3],
        TrialState.Cancelled => ReportPlots.SeriesColors[7],
        TrialState.Lost => ReportPlots.SeriesColors[5],
        _ => ReportPlots.SeriesColors[0],
    };

    /// <summary>One scatter series per state present in <paramref name="points"/> (in <see cref="TrialState"/> order), titled and coloured by state.</summary>
    public static IEnumerable<ScatterSeries> ScatterByState(IEnumerable<(TrialState State, ScatterPoint Point)> points) =>
        points.GroupBy(p => p.State)
            .OrderBy(g => g.Key)
            .Select(g =>
            {
                var series = new ScatterSeries
                {
                    Title = Leaderboard.StateName(g.Key), MarkerType = MarkerType.Circle, MarkerSize = 4,
                    MarkerFill = OxyColor.FromAColor(200, Color(g.Key)), MarkerStroke = OxyColors.White, MarkerStrokeThickness = 0.5,
                };
                series.Points.AddRange(g.Select(p => p.Point));
                return series;
            });

    /// <summary>A vertical validation-accuracy axis: padded around the data but never beyond [0, 1].</summary>
    public static LinearAxis AccuracyAxis(string title) => new()
    {
        Position = AxisPosition.Left, Title = title, MinimumPadding = 0.08, MaximumPadding = 0.08, AbsoluteMinimum = 0, AbsoluteMaximum = 1,
    };

    /// <summary>Why a plot of finished trials' validation accuracy would be empty, or null when it has something to show.</summary>
    public static string? NothingToPlot(IEnumerable<TrialRecord> trials)
    {
        var finished = trials.Where(t => t.IsFinished).ToList();
        return finished.Count == 0 ? "no finished trials yet"
            : finished.All(t => t.BestValAccuracy() is null) ? "no finished trial reported a validation accuracy"
            : null;
    }
}
