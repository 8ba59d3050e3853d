using System.Diagnostics;
using ClassifierToolkit.Data;
using ClassifierToolkit.Pipelines;
using ClassifierToolkit.Prediction;
using ClassifierToolkit.Training;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace ClassifierToolkit.Evaluation;

/// <summary>Scores several saved models on a pipeline's validation split in one read of the data (see <see cref="ValidationScores"/>).</summary>
internal static class ValidationScoring
{
    // Pixels held at once: the data are read in chunks, so a large validation split is scored all the same.
    private const int ChunkImages = 2048;

    /// <exception cref="InvalidOperationException">The pipeline has no validation split.</exception>
    /// <exception cref="InvalidDataException">A model is unreadable, or the models differ in classes or input; names the file.</exception>
    public static ValidationScores Score(PipelineSpec spec, IReadOnlyList<string> modelPaths, FashionMnistLocator? locator)
    {
        if (modelPaths.Count == 0) throw new ArgumentException("No models to score.", nameof(modelPaths));
        var mlContext = new MLContext(spec.Training.Seed);
        var scratch = Directory.CreateTempSubdirectory("ctk-validation-").FullName;
        var classifiers = new List<ImageClassifier>();
        try
        {
            foreach (var path in modelPaths) classifiers.Add(ImageClassifier.Load(path));
            var first = classifiers[0];
            for (int m = 1; m < classifiers.Count; m++)
            {
                var other = classifiers[m];
                if (!other.ClassNames.SequenceEqual(first.ClassNames) || other.PixelsPerImage != first.PixelsPerImage)
                    throw new InvalidDataException($"'{modelPaths[m]}' does not take the same input or predict the same classes as '{modelPaths[0]}', so they cannot be compared on one validation split.");
            }
            var data = PipelineData.Load(mlContext, spec.Data, spec.Input, scratch, locator);
            if (data.ValidationCount == 0)
                throw new InvalidOperationException($"Pipeline '{spec.Name}' has no validation split (data.validationFraction is 0), so models cannot be compared on it.");
            return Score(data.Validation, classifiers);
        }
        finally
        {
            foreach (var classifier in classifiers) classifier.Dispose();
            Directory.Delete(scratch, recursive: true);
        }
    }

    private static ValidationScores Score(IDataView validation, IReadOnlyList<ImageClassifier> classifiers)
    {
        var classNames = classifiers[0].ClassNames;
        var index = classNames.Select((name, i) => (name, i)).ToDictionary(p => p.name, p => p.i, StringComparer.Ordinal);
        var labels = validation.GetColumn<string>(ColumnNames.Label)
            .Select(label => index.TryGetValue(label, out var i) ? i
                : throw new InvalidDataException($"The validation split has class '{label}', which the models do not predict ({string.Join(", ", classNames)})."))
            .ToList();
        int perImage = classifiers[0].PixelsPerImage, classes = classNames.Count;
        var probabilities = classifiers.Select(_ => new float[labels.Count * classes]).ToArray();
        var clocks = classifiers.Select(_ => new Stopwatch()).ToArray();
        var pixels = new float[Math.Min(Math.Max(labels.Count, 1), ChunkImages) * perImage];
        int done = 0, inChunk = 0;
        bool warmedUp = false;
        void ScoreChunk()
        {
            for (int m = 0; m < classifiers.Count; m++)
            {
                // A network's first run sets it up (memory plans, kernels): not part of its time per image.
                if (!warmedUp) classifiers[m].PredictPixels(pixels.AsMemory(0, perImage), 1);
                clocks[m].Start();
                var scored = classifiers[m].PredictPixels(pixels.AsMemory(0, inChunk * perImage), inChunk);
                clocks[m].Stop();
                for (int i = 0; i < scored.Count; i++) scored[i].Scores.CopyTo(probabilities[m], (done + i) * classes);
            }
            warmedUp = true;
            done += inChunk;
            inChunk = 0;
        }
        foreach (var image in validation.GetColumn<float[]>(ColumnNames.Pixels))
        {
            if (image.Length != perImage)
                throw new InvalidDataException($"The validation split holds {image.Length} pixel values per image; the models take {perImage}.");
            image.CopyTo(pixels, inChunk++ * perImage);
            if (inChunk == ChunkImages) ScoreChunk();
        }
        if (inChunk > 0) ScoreChunk();
        return new ValidationScores(classNames, labels, probabilities, [.. clocks.Select(c => c.Elapsed.TotalMilliseconds / Math.Max(1, labels.Count))]);
    }
}
