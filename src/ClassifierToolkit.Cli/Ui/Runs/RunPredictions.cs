using ClassifierToolkit.Evaluation;

namespace ClassifierToolkit.Cli.Ui.Runs;

/// <summary>The per-image predictions of the last few runs opened (their <c>predictions.csv</c>, read once per version), and the
/// images behind a cell of a run's confusion matrix.</summary>
internal sealed class RunPredictions
{
    /// <summary>How many images a cell answers with at most; the count says how many there are.</summary>
    public const int CellLimit = 300;

    private readonly LruCache<IReadOnlyList<TestPrediction>> _cache = new(capacity: 8);

    /// <summary>Why the run's matrix cannot open its images (no predictions.csv: a run written before they were kept), or null.</summary>
    public static string? Missing(RunFolder run) => File.Exists(run.PredictionsPath) ? null
        : $"This run has no {PredictionsCsv.FileName} (it was written before ctk kept each test image's prediction), so the matrix's cells cannot open their images. " +
          $"Evaluate its model again into a folder of its own, which the list then shows as a run whose cells open their images: ctk evaluate \"{run.ModelPath ?? Path.Combine(run.FullPath, "model.zip")}\" " +
          $"--data <its test data: fashion-mnist, or the test folder> --report-dir \"{Path.Combine(run.FullPath, "evaluated")}\" (into this folder itself it would replace the training history).";

    /// <summary>The run's predictions, or null when it has none.</summary>
    /// <exception cref="UiRequestException">409 when the file is damaged.</exception>
    public IReadOnlyList<TestPrediction>? Read(RunFolder run)
    {
        if (Missing(run) is not null) return null;
        try
        {
            return _cache.GetOrAdd(RunFolder.Version(run.PredictionsPath), () => PredictionsCsv.Read(run.PredictionsPath));
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            throw UiRequestException.Conflict($"The run '{run.Entry.Id}' has a {PredictionsCsv.FileName} that cannot be read ({e.Message}). Evaluate it again to rewrite it.");
        }
    }

    /// <summary>The images of true class <paramref name="trueClass"/> predicted as <paramref name="predictedClass"/> (indices into the
    /// metrics' classes), the least sure first: lowest probability on the true class.</summary>
    /// <exception cref="UiRequestException">400 for a class index out of range; 409 when the run has no predictions.</exception>
    public CellImages Cell(RunFolder run, ClassifierMetrics metrics, int? trueClass, int? predictedClass)
    {
        string ClassAt(int? index, string name) => index is { } k && k >= 0 && k < metrics.Classes.Count ? metrics.Classes[k]
            : throw UiRequestException.BadRequest($"'{name}' must be a class index from 0 to {metrics.Classes.Count - 1} (the run's classes: {string.Join(", ", metrics.Classes)}); it is '{index?.ToString() ?? "missing"}'.");
        var truth = ClassAt(trueClass, "true");
        var predicted = ClassAt(predictedClass, "predicted");
        var predictions = Read(run) ?? throw UiRequestException.Conflict(Missing(run)!);
        var matching = predictions.Where(p => p.TrueLabel == truth && p.PredictedLabel == predicted).OrderBy(p => p.TrueProbability).ThenBy(p => p.Row).ToList();
        return new CellImages(truth, predicted, matching.Count,
            [.. matching.Take(CellLimit).Select(p => new CellImage(p.Row, Name(p), p.PredictedProbability, p.TrueProbability))]);
    }

    /// <summary>How the page names an image: its file's name, or its index in the test set.</summary>
    public static string Name(TestPrediction p) => p.ImagePath is { } path ? Path.GetFileName(path) : $"test image #{p.Row}";
}
