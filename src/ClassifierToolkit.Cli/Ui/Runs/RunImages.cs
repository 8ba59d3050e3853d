using ClassifierToolkit.Data.Sources;
using ClassifierToolkit.Evaluation;
using SkiaSharp;

namespace ClassifierToolkit.Cli.Ui.Runs;

/// <summary>
/// A run's test image by its row, as a PNG thumbnail: decoded from the file the run's predictions (or top losses) name, or, for
/// in-memory data (Fashion-MNIST's IDX files, whose rows have no file), from the run's test set read again through its pipeline's
/// data source (written as PNGs once, into the cache). Always re-encoded, never a file's own bytes: a request names a run and a
/// row, never a path.
/// </summary>
internal sealed class RunImages(RunPredictions predictions)
{
    /// <summary>The longest side of a thumbnail, in pixels.</summary>
    public const int Box = 192;

    // The test sets' files by the data they describe: runs on the same data share them.
    private readonly LruCache<IReadOnlyList<string>> _testSets = new(capacity: 4);

    /// <exception cref="UiRequestException">400 without a row; 404 for a row outside the test set or an image that cannot be shown (says why).</exception>
    public byte[] Png(RunFolder run, int? row)
    {
        var metrics = run.RequireMetrics();
        if (row is not { } r) throw UiRequestException.BadRequest("The request names no image: add ?row=<its index in the test set>, as the run's cells and top losses give it.");
        if (r < 0 || r >= metrics.TestImages)
            throw UiRequestException.NotFound($"The run '{run.Entry.Id}' has no test image #{r}: its rows run from 0 to {metrics.TestImages - 1}.");
        var file = FileOf(run, metrics, r);
        var (bitmap, problem) = ThumbnailDecoder.Decode(file, Box);
        if (bitmap is null) throw UiRequestException.NotFound($"Test image #{r} of '{run.Entry.Id}' ({Path.GetFileName(file)}) cannot be shown: {problem}.");
        using (bitmap)
        {
            using var fitted = Fit(bitmap);
            using var image = SKImage.FromBitmap(fitted ?? bitmap);
            using var png = image.Encode(SKEncodedImageFormat.Png, 100);
            return png.ToArray();
        }
    }

    private string FileOf(RunFolder run, ClassifierMetrics metrics, int row)
    {
        var kept = predictions.Read(run);
        var path = kept is not null && row < kept.Count ? kept[row].ImagePath : metrics.TopLosses.FirstOrDefault(t => t.Index == row)?.ImagePath;
        return path ?? InMemoryTestSet(run, row);
    }

    // The row's picture from the run's test set read again, as the evaluation read it: same source, same limit, same order.
    private string InMemoryTestSet(RunFolder run, int row)
    {
        string Refuse(string why) => throw UiRequestException.NotFound($"Test image #{row} of '{run.Entry.Id}' was in memory (no file), and {why}");
        var spec = run.ReadPipeline();
        if (spec is null) return Refuse("the run has no readable pipeline.json to read its test set again from.");
        if (ImageDataSources.Find(spec.Data.Source) is not { PathIsDataDirectory: true } source)
            return Refuse($"its data source '{spec.Data.Source}' names pictures by their files, which its predictions do not give.");
        IReadOnlyList<string> files;
        try
        {
            files = _testSets.GetOrAdd(spec.Data.ToString(), () =>
                [.. source.TestFiles(new DataSourceRequest(spec.Data.Path, Strict: spec.Data.Strict, Limit: spec.Data.TestLimit)).Files.Select(f => f.ImagePath)]);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or HttpRequestException or UnauthorizedAccessException)
        {
            return Refuse($"its test set cannot be read again ({e.Message}).");
        }
        return row < files.Count ? files[row] : Refuse($"its test set now holds {files.Count} images.");
    }

    // Decoders scale down only by some formats' steps: a large picture is resized to the box here.
    private static SKBitmap? Fit(SKBitmap bitmap)
    {
        int longer = Math.Max(bitmap.Width, bitmap.Height);
        if (longer <= Box) return null;
        float scale = (float)Box / longer;
        return bitmap.Resize(new SKImageInfo(Math.Max(1, (int)(bitmap.Width * scale)), Math.Max(1, (int)(bitmap.Height * scale))),
            new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
    }
}
