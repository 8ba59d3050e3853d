using ClassifierToolkit.AutoML.Trials;
using ClassifierToolkit.Evaluation;
using OxyPlot;
using OxyPlot.Series;

namespace ClassifierToolkit.AutoML.Experiments;

/// <summary>One colour per final trial state, shared by every experiment plot so a state reads the same everywhere.</summary>
internal static class TrialStatePalette
{
    public static OxyColor Color(TrialState state) => state switch
    {
        TrialState.Complete => ReportPlots.SeriesColors[2],
        TrialState.Pruned => ReportPlots.SeriesColors[1],
        TrialState.Failed => ReportPlots.SeriesColors[3],
        TrialState.Cancelled => ReportPlots.SeriesColors[7],
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
}
