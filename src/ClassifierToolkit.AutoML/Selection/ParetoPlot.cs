using ClassifierToolkit.Evaluation;
using OxyPlot;
using OxyPlot.Annotations;
using OxyPlot.Axes;
using OxyPlot.Legends;
using OxyPlot.Series;

namespace ClassifierToolkit.AutoML.Selection;

/// <summary>
/// Validation accuracy against time per image for every model the selection measured: single trials, ensembles and flip-averaged
/// ones as separate series, the Pareto front as a line, the exported model ringed and a latency limit as a vertical line.
/// </summary>
internal static class ParetoPlot
{
    public const string File = "model_choices.png";
    public const int Width = 900;
    public const int Height = 550;

    public static void Write(string path, ExportedChoices exported) => ReportPlots.Export(Build(exported), path, Width, Height);

    public static PlotModel Build(ExportedChoices exported)
    {
        var model = new PlotModel
        {
            Title = "Accuracy against cost", Background = OxyColors.White,
            Subtitle = $"each model the selection measured; the line is the Pareto front; ringed: exported ({exported.Objective})",
        };
        model.Axes.Add(new LogarithmicAxis { Position = AxisPosition.Bottom, Title = "ms per image (batched, this machine)", MinimumPadding = 0.1, MaximumPadding = 0.1 });
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Left, Title = "validation accuracy", MinimumPadding = 0.1, MaximumPadding = 0.1, AbsoluteMinimum = 0, AbsoluteMaximum = 1 });
        model.Legends.Add(new Legend { LegendPlacement = LegendPlacement.Outside, LegendPosition = LegendPosition.RightTop });
        var front = new LineSeries { Title = "Pareto front", Color = OxyColors.Gray, LineStyle = LineStyle.Dash };
        front.Points.AddRange(exported.ParetoFront().OrderBy(c => c.MsPerImage).Select(Point));
        model.Series.Add(front);
        (string Title, Func<ModelChoice, bool> Kind)[] kinds =
        [
            ("single trial", c => !c.IsEnsemble && !c.Flip), ("single + flip", c => !c.IsEnsemble && c.Flip),
            ("ensemble", c => c.IsEnsemble && !c.Flip), ("ensemble + flip", c => c.IsEnsemble && c.Flip),
        ];
        for (int k = 0; k < kinds.Length; k++)
        {
            var members = exported.Choices.Where(kinds[k].Kind).ToList();
            if (members.Count == 0) continue;
            var series = new ScatterSeries { Title = kinds[k].Title, MarkerType = MarkerType.Circle, MarkerSize = 5, MarkerFill = ReportPlots.SeriesColors[k] };
            series.Points.AddRange(members.Select(c => new ScatterPoint(c.MsPerImage, c.ValidationAccuracy)));
            model.Series.Add(series);
            foreach (var choice in members)
                model.Annotations.Add(new TextAnnotation { Text = choice.Name, TextPosition = Point(choice), StrokeThickness = 0, FontSize = 9, TextVerticalAlignment = VerticalAlignment.Bottom });
        }
        var chosen = new ScatterSeries { Title = "exported", MarkerType = MarkerType.Circle, MarkerSize = 10, MarkerFill = OxyColors.Transparent, MarkerStroke = OxyColors.Black, MarkerStrokeThickness = 1.5 };
        chosen.Points.Add(new ScatterPoint(exported.Chosen.MsPerImage, exported.Chosen.ValidationAccuracy));
        model.Series.Add(chosen);
        if (exported.Objective.MaxMsPerImage is { } limit)
            model.Annotations.Add(new LineAnnotation { Type = LineAnnotationType.Vertical, X = limit, Color = OxyColors.Red, Text = $"limit {limit:G} ms" });
        return model;
    }

    private static DataPoint Point(ModelChoice choice) => new(choice.MsPerImage, choice.ValidationAccuracy);
}
