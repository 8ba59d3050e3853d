using ClassifierToolkit.IO;
using ClassifierToolkit.Training;
using OxyPlot;
using OxyPlot.Axes;
using OxyPlot.Legends;
using OxyPlot.Series;
using OxyPlot.SkiaSharp;

namespace ClassifierToolkit.Evaluation;

/// <summary>PNG plots for reports: loss curves and the confusion matrix.</summary>
internal static class ReportPlots
{
    // Ten clearly distinct colours (OxyPlot's defaults repeat red among the first five).
    internal static readonly OxyColor[] SeriesColors = new[] { "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf" }
        .Select(OxyColor.Parse).ToArray();

    /// <summary>One named training history, for overlaid curves.</summary>
    public sealed record NamedHistory(string Name, IReadOnlyList<EpochMetrics> Epochs);

    /// <summary>Train and validation loss per epoch, one pair of lines per history.</summary>
    public static void WriteLossCurves(string path, IReadOnlyList<NamedHistory> histories)
    {
        var model = new PlotModel { Title = "Loss per epoch", Subtitle = "train loss includes label smoothing and augmentation where the recipe uses them", Background = OxyColors.White };
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Bottom, Title = "epoch", MinimumMajorStep = 1 });
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Left, Title = "cross-entropy loss" });
        model.Legends.Add(new Legend { LegendPosition = LegendPosition.TopRight });
        for (int i = 0; i < histories.Count; i++)
        {
            var history = histories[i];
            string prefix = histories.Count > 1 ? history.Name + " " : "";
            // One colour per model: train solid, validation dashed.
            var color = SeriesColors[i % SeriesColors.Length];
            var train = new LineSeries { Title = prefix + "train", MarkerType = MarkerType.Circle, Color = color, MarkerFill = color };
            train.Points.AddRange(history.Epochs.Select(e => new DataPoint(e.Epoch, e.TrainLoss)));
            model.Series.Add(train);
            if (history.Epochs.Any(e => e.ValLoss is not null))
            {
                var validation = new LineSeries { Title = prefix + "validation", MarkerType = MarkerType.Square, LineStyle = LineStyle.Dash, Color = color, MarkerFill = color };
                validation.Points.AddRange(history.Epochs.Where(e => e.ValLoss is not null).Select(e => new DataPoint(e.Epoch, e.ValLoss!.Value)));
                model.Series.Add(validation);
            }
        }
        Export(model, path, 800, 500);
    }

    /// <summary>The confusion matrix as a heat map with counts (rows: true class).</summary>
    public static void WriteConfusionMatrix(string path, IReadOnlyList<string> classes, IReadOnlyList<IReadOnlyList<long>> counts)
    {
        int n = classes.Count;
        var model = new PlotModel { Title = "Confusion matrix (rows: true class)", Background = OxyColors.White };
        model.Axes.Add(new LinearColorAxis { Position = AxisPosition.Right, Palette = OxyPalette.Interpolate(200, OxyColors.White, OxyColors.SteelBlue, OxyColors.Navy) });
        model.Axes.Add(new CategoryAxis { Position = AxisPosition.Bottom, Title = "predicted", ItemsSource = classes, Angle = 35 });
        model.Axes.Add(new CategoryAxis { Position = AxisPosition.Left, Title = "true", ItemsSource = classes.Reverse().ToList() });
        var data = new double[n, n];
        for (int t = 0; t < n; t++)
            for (int p = 0; p < n; p++)
                data[p, n - 1 - t] = counts[t][p];
        model.Series.Add(new HeatMapSeries
        {
            X0 = 0, X1 = n - 1, Y0 = 0, Y1 = n - 1, Data = data,
            Interpolate = false, RenderMethod = HeatMapRenderMethod.Rectangles, LabelFontSize = 0.25, LabelFormatString = "0",
        });
        Export(model, path, 900, 800);
    }

    internal static void Export(PlotModel model, string path, int width, int height) =>
        AtomicFile.Write(path, temporary =>
        {
            using var stream = File.Create(temporary);
            new PngExporter { Width = width, Height = height }.Export(model, stream);
        });
}
