using System.Globalization;
using System.Text;
using ClassifierToolkit.IO;

namespace ClassifierToolkit.Evaluation;

/// <summary>
/// <c>predictions.csv</c> beside <c>metrics.json</c>: every test image's prediction, one row each in test-set order (row, image
/// file when the data are files, true class, predicted class, the probabilities of both), so the images behind a cell of the
/// confusion matrix can be found again. Written atomically by <see cref="MarkdownReport.WriteAll"/>, the one place every command reports through.
/// </summary>
internal static class PredictionsCsv
{
    public const string FileName = "predictions.csv";

    private static readonly string[] Header = ["row", "imagePath", "trueClass", "predictedClass", "predictedProbability", "trueProbability"];

    /// <summary>Writes <paramref name="predictions"/> atomically (write then rename).</summary>
    public static void Write(string path, IReadOnlyList<TestPrediction> predictions)
    {
        var c = CultureInfo.InvariantCulture;
        var s = new StringBuilder();
        Csv.AppendRecord(s, Header);
        foreach (var p in predictions)
            Csv.AppendRecord(s, [p.Row.ToString(c), p.ImagePath ?? "", p.TrueLabel, p.PredictedLabel, p.PredictedProbability.ToString("R", c), p.TrueProbability.ToString("R", c)]);
        AtomicFile.WriteAllText(path, s.ToString());
    }

    /// <summary>Reads the predictions back.</summary>
    /// <exception cref="InvalidDataException">Not a predictions file, or a damaged row (named by its line).</exception>
    public static IReadOnlyList<TestPrediction> Read(string path)
    {
        using var reader = new StreamReader(path);
        var records = Csv.ReadRecords(reader).GetEnumerator();
        if (!records.MoveNext() || !records.Current.SequenceEqual(Header))
            throw new InvalidDataException($"'{path}' does not start with the header {string.Join(',', Header)}: it is not a predictions file ctk wrote.");
        var predictions = new List<TestPrediction>();
        while (records.MoveNext())
        {
            var f = records.Current;
            if (f.Count != Header.Length || !int.TryParse(f[0], CultureInfo.InvariantCulture, out int row) || row != predictions.Count
                || !double.TryParse(f[4], CultureInfo.InvariantCulture, out double predicted) || !double.TryParse(f[5], CultureInfo.InvariantCulture, out double truth))
                throw new InvalidDataException($"'{path}': record {predictions.Count + 1} is damaged (expected row {predictions.Count} with {Header.Length} fields).");
            predictions.Add(new TestPrediction(row, f[1].Length == 0 ? null : f[1], f[2], f[3], predicted, truth));
        }
        return predictions;
    }
}
