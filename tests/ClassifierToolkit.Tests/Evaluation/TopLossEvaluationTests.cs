using ClassifierToolkit.Evaluation;
using ClassifierToolkit.Prediction;
using ClassifierToolkit.Tests.Support;
using Microsoft.ML;

namespace ClassifierToolkit.Tests.Evaluation;

// The shipped CNN on 200 Fashion-MNIST test images (as PNG files and as the IDX pixels): it gets some wrong, and those are the top losses.
public class TopLossEvaluationTests(ShippedModelFixture model) : IClassFixture<ShippedModelFixture>
{
    private sealed record Miss(int Index, string Path, string TrueLabel, string PredictedLabel, float TrueProbability, float PredictedProbability);

    // The reference, computed here from the classifier's own predictions: every misclassified image, lowest P(true) first.
    private List<Miss> MisclassifiedByTrueProbability(ImageClassifier classifier)
    {
        var predictions = classifier.PredictBatch([.. model.TestFiles.Select(f => ImageData.FromFile(f.ImagePath))]);
        var classes = classifier.ClassNames.ToList();
        return model.TestFiles.Select((file, i) => new Miss(i, file.ImagePath, file.Label, predictions[i].PredictedLabel,
                predictions[i].Scores[classes.IndexOf(file.Label)], predictions[i].Scores[classes.IndexOf(predictions[i].PredictedLabel)]))
            .Where(m => m.PredictedLabel != m.TrueLabel).OrderBy(m => m.TrueProbability).ThenBy(m => m.Index).ToList();
    }

    [Fact]
    public void Evaluate_ImageFiles_TopLossesAreTheMisclassifiedByTrueProbabilityAscending()
    {
        using var classifier = ImageClassifier.Load(model.ModelPath);
        var expected = MisclassifiedByTrueProbability(classifier);

        var metrics = ClassifierEvaluator.Evaluate(new MLContext(1), classifier, model.TestFiles);

        Assert.InRange(expected.Count, 2, ClassifierEvaluator.TopLossCount);
        Assert.Equal(expected.Count, metrics.TestImages - Enumerable.Range(0, metrics.Classes.Count).Sum(k => metrics.ConfusionMatrix[k][k]));
        Assert.Equal(expected.Select(m => m.Index), metrics.TopLosses.Select(t => t.Index));
        Assert.Equal(expected.Select(m => m.Path), metrics.TopLosses.Select(t => t.ImagePath));
        Assert.Equal(expected.Select(m => m.TrueLabel), metrics.TopLosses.Select(t => t.TrueLabel));
        Assert.Equal(expected.Select(m => m.PredictedLabel), metrics.TopLosses.Select(t => t.PredictedLabel));
        Assert.Equal(expected.Select(m => (double)m.TrueProbability), metrics.TopLosses.Select(t => t.TrueProbability));
        Assert.Equal(expected.Select(m => (double)m.PredictedProbability), metrics.TopLosses.Select(t => t.PredictedProbability));
        Assert.All(metrics.TopLosses, t => Assert.True(t.PredictedProbability > t.TrueProbability));
    }

    [Fact]
    public void MostConfused_CountsAreTheConfusionMatrixOffDiagonalEntries()
    {
        using var classifier = ImageClassifier.Load(model.ModelPath);
        var metrics = ClassifierEvaluator.Evaluate(new MLContext(1), classifier, model.TestFiles);
        var matrix = metrics.ConfusionMatrix;
        var classes = metrics.Classes.ToList();

        var all = ConfusedPair.MostConfused(metrics.Classes, matrix, int.MaxValue);

        var offDiagonal = Enumerable.Range(0, classes.Count).SelectMany(t => Enumerable.Range(0, classes.Count).Where(p => p != t && matrix[t][p] > 0).Select(p => (t, p))).ToList();
        Assert.Equal(offDiagonal.Count, all.Count);
        Assert.All(all, pair =>
        {
            int t = classes.IndexOf(pair.TrueLabel), p = classes.IndexOf(pair.PredictedLabel);
            Assert.NotEqual(t, p);
            Assert.Equal(matrix[t][p], pair.Count);
            Assert.Equal((double)matrix[t][p] / matrix[t].Sum(), pair.ShareOfTrueClass, 12);
        });
        Assert.Equal(all.Select(pair => pair.Count).OrderByDescending(n => n), all.Select(pair => pair.Count));
        // The mistakes by pair add up to the mistakes by image.
        Assert.Equal(metrics.TopLosses.Count, all.Sum(pair => pair.Count));
        Assert.Equal(all.Take(ConfusedPair.ReportedCount), metrics.MostConfused);
    }

    [Fact]
    public void WriteAll_TopLosses_PictureListAndMetricsJson()
    {
        using var classifier = ImageClassifier.Load(model.ModelPath);
        var metrics = ClassifierEvaluator.Evaluate(new MLContext(1), classifier, model.TestFiles);
        var folder = TestPaths.NewTempFolder();

        MarkdownReport.WriteAll(folder, "shipped CNN", metrics);

        using (var picture = SkiaSharp.SKBitmap.Decode(Path.Combine(folder, MarkdownReport.TopLossesFile)))
        {
            Assert.NotNull(picture);
            var expected = TopLossGrid.Size(Math.Min(TopLossGrid.MaxTiles, metrics.TopLosses.Count));
            Assert.Equal((expected.Width, expected.Height), (picture.Width, picture.Height));
        }
        var report = File.ReadAllText(Path.Combine(folder, "report.md"));
        Assert.Contains($"![top losses]({MarkdownReport.TopLossesFile})", report);
        Assert.Contains("## Most confused pairs", report);
        var top = metrics.MostConfused[0];
        Assert.Contains($"| {top.TrueLabel} | {top.PredictedLabel} | {top.Count} |", report);
        Assert.All(metrics.TopLosses, t => Assert.Contains($"`{t.ImagePath}` | {t.TrueLabel} | {t.PredictedLabel} |", report));

        var json = File.ReadAllText(Path.Combine(folder, "metrics.json"));
        Assert.Contains("\"mostConfused\"", json);
        var read = MetricsJson.Read(Path.Combine(folder, "metrics.json"));
        Assert.Equal(metrics.TopLosses, read.TopLosses);
        Assert.Equal(metrics.MostConfused, read.MostConfused);
    }
}
