using System.Diagnostics;
using ClassifierToolkit.Data;
using ClassifierToolkit.Prediction;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace ClassifierToolkit.Evaluation;

/// <summary>Test metrics of a saved classifier via <c>mlContext.MulticlassClassification.Evaluate</c>, scored on the batched path, plus inference timing.</summary>
internal static class ClassifierEvaluator
{
    /// <summary>How many top losses (<see cref="ClassifierMetrics.TopLosses"/>) an evaluation keeps.</summary>
    public const int TopLossCount = 50;

    /// <summary>
    /// Evaluates <paramref name="classifier"/> end to end on image files: decoded in parallel and scored in batches.
    /// <see cref="ClassifierMetrics.InferenceMsPerSample"/> is that time per image.
    /// </summary>
    /// <exception cref="InvalidDataException">No files, or an image that cannot be read (named).</exception>
    public static ClassifierMetrics Evaluate(MLContext mlContext, ImageClassifier classifier, IReadOnlyList<ImageFile> testFiles)
    {
        if (testFiles.Count == 0) throw new InvalidDataException("The test data is empty: there is nothing to evaluate.");
        var clock = Stopwatch.StartNew();
        var predictions = classifier.PredictBatch([.. testFiles.Select(f => ImageData.FromFile(f.ImagePath))]);
        var scoringTime = clock.Elapsed;
        var topLosses = new TopLossCollector(classifier.ClassNames, TopLossCount);
        for (int i = 0; i < testFiles.Count; i++) topLosses.Offer(i, testFiles[i].Label, predictions[i], testFiles[i].ImagePath);
        return Evaluate(mlContext, [.. testFiles.Select(f => f.Label)], predictions, classifier.ClassNames, scoringTime, topLosses.Result(),
            [.. testFiles.Select(f => f.ImagePath)]);
    }

    /// <summary>
    /// Evaluates <paramref name="classifier"/>'s network on preprocessed images (<paramref name="testData"/> has <c>Pixels</c>
    /// and a <c>Label</c> of class names, as the toolkit's data sources give them), scored in batches. The top losses name
    /// their files when the data have an <c>ImagePath</c> column; otherwise they keep the pixels the model saw, for the report's picture.
    /// </summary>
    /// <exception cref="InvalidDataException">The test data is empty.</exception>
    public static ClassifierMetrics Evaluate(MLContext mlContext, ImageClassifier classifier, IDataView testData)
    {
        // Read in chunks, so a test set larger than memory is scored all the same; only scoring is timed.
        const int chunkImages = 4096;
        var labels = testData.GetColumn<string>(ColumnNames.Label).ToList();
        if (labels.Count == 0) throw new InvalidDataException("The test data is empty: there is nothing to evaluate.");
        var paths = ImagePaths(testData);
        var predictions = new List<ClassifierPrediction>(labels.Count);
        var topLosses = new TopLossCollector(classifier.ClassNames, TopLossCount);
        int perImage = classifier.PixelsPerImage;
        var pixels = new float[Math.Min(labels.Count, chunkImages) * perImage];
        var scoring = new Stopwatch();
        int inChunk = 0;
        void ScoreChunk()
        {
            scoring.Start();
            var scored = classifier.PredictPixels(pixels.AsMemory(0, inChunk * perImage), inChunk);
            scoring.Stop();
            for (int i = 0; i < scored.Count; i++)
            {
                int row = predictions.Count + i, offset = i * perImage;
                topLosses.Offer(row, labels[row], scored[i], paths?[row], paths is not null ? null
                    : () => ThumbnailPixels.FromPlanar(pixels.AsSpan(offset, perImage), classifier.Channels, classifier.Height, classifier.Width, classifier.Alpha));
            }
            predictions.AddRange(scored);
            inChunk = 0;
        }
        foreach (var image in testData.GetColumn<float[]>(ColumnNames.Pixels))
        {
            if (image.Length != classifier.PixelsPerImage)
                throw new InvalidDataException($"The test data hold {image.Length} pixel values per image; the model takes {classifier.PixelsPerImage} " +
                    $"({classifier.PixelPlanes}×{classifier.Height}×{classifier.Width}{(classifier.Alpha ? ", alpha first" : ", no alpha plane")}). " +
                    "Evaluate a model saved before alpha was read from image files instead.");
            image.CopyTo(pixels, inChunk++ * classifier.PixelsPerImage);
            if (inChunk == chunkImages) ScoreChunk();
        }
        if (inChunk > 0) ScoreChunk();
        return Evaluate(mlContext, labels, predictions, classifier.ClassNames, scoring.Elapsed, topLosses.Result(), paths);
    }

    /// <summary>
    /// Evaluates a classifier's output, e.g. <c>model.Transform(testData)</c> of a fitted pipeline: the text label column,
    /// <c>Score</c> (with the class names as slot names, as the toolkit's trainers make it) and <c>PredictedLabel</c>.
    /// The data are read once; <see cref="ClassifierMetrics.InferenceMsPerSample"/> is that read per row, which for a lazy
    /// <c>Transform</c> is the scoring (one row at a time through ML.NET).
    /// </summary>
    /// <exception cref="ArgumentException">A column is missing or of the wrong type; says which.</exception>
    /// <exception cref="InvalidDataException">The data are empty.</exception>
    public static ClassifierMetrics Evaluate(MLContext mlContext, IDataView predictions, string labelColumnName = ColumnNames.Label)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        var schema = predictions.Schema;
        var label = TextColumn(schema, labelColumnName, "the true class names");
        var predicted = TextColumn(schema, ColumnNames.PredictedLabel, "a classifier's output, e.g. model.Transform(testData)");
        var score = schema.GetColumnOrNull(ColumnNames.Score);
        if (score is not { Type: VectorDataViewType { ItemType: NumberDataViewType, IsKnownSize: true } } || !score.Value.HasSlotNames())
            throw new ArgumentException($"The data have no '{ColumnNames.Score}' vector with class names as slot names; evaluate a toolkit classifier's output, e.g. model.Transform(testData).", nameof(predictions));
        VBuffer<ReadOnlyMemory<char>> slotNames = default;
        score.Value.GetSlotNames(ref slotNames);
        var classNames = slotNames.DenseValues().Select(n => n.ToString()).ToList();

        var labels = new List<string>();
        var results = new List<ClassifierPrediction>();
        var paths = ImagePaths(predictions);
        var clock = Stopwatch.StartNew();
        using (var cursor = predictions.GetRowCursor([label, predicted, score.Value]))
        {
            var getLabel = cursor.GetGetter<ReadOnlyMemory<char>>(label);
            var getPredicted = cursor.GetGetter<ReadOnlyMemory<char>>(predicted);
            var getScore = cursor.GetGetter<VBuffer<float>>(score.Value);
            ReadOnlyMemory<char> text = default;
            VBuffer<float> scores = default;
            while (cursor.MoveNext())
            {
                getLabel(ref text);
                labels.Add(text.ToString());
                getPredicted(ref text);
                getScore(ref scores);
                results.Add(new ClassifierPrediction(text.ToString(), scores.DenseValues().ToArray(), classNames));
            }
        }
        if (labels.Count == 0) throw new InvalidDataException("The test data is empty: there is nothing to evaluate.");
        var readTime = clock.Elapsed;
        var topLosses = new TopLossCollector(classNames, TopLossCount);
        for (int i = 0; i < labels.Count; i++) topLosses.Offer(i, labels[i], results[i], paths?[i]);
        return Evaluate(mlContext, labels, results, classNames, readTime, topLosses.Result(), paths);
    }

    // The files behind the rows, when the data name them (an image folder read through the preprocessing chain does).
    private static List<string>? ImagePaths(IDataView data) =>
        data.Schema.GetColumnOrNull(ColumnNames.ImagePath) is { Type: TextDataViewType } ? data.GetColumn<string>(ColumnNames.ImagePath).ToList() : null;

    private static DataViewSchema.Column TextColumn(DataViewSchema schema, string name, string what) =>
        schema.GetColumnOrNull(name) is { Type: TextDataViewType } column ? column
            : throw new ArgumentException($"The data need a text column '{name}' ({what}); " +
                (schema.GetColumnOrNull(name) is { } other ? $"it is {other.Type}." : $"the columns are {string.Join(", ", schema.Select(c => c.Name))}."), nameof(schema));

    // ML.NET's multiclass evaluator over predictions made elsewhere: the metrics are ML.NET's own.
    private static ClassifierMetrics Evaluate(MLContext mlContext, IReadOnlyList<string> labels, IReadOnlyList<ClassifierPrediction> predictions,
        IReadOnlyList<string> classNames, TimeSpan scoringTime, IReadOnlyList<TopLoss> topLosses, IReadOnlyList<string>? paths)
    {
        var schema = SchemaDefinition.Create(typeof(ScoredRow));
        schema[nameof(ScoredRow.Score)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, classNames.Count);
        var rows = labels.Zip(predictions, (label, p) => new ScoredRow { Label = label, Score = p.Scores, PredictedLabel = p.PredictedLabel });
        var scored = mlContext.Data.LoadFromEnumerable(rows, schema);
        var keyData = mlContext.Data.LoadFromEnumerable(classNames.Select(name => new LabelRow { Label = name }));
        var toKeys = mlContext.Transforms.Conversion.MapValueToKey(ColumnNames.Label, keyData: keyData)
            .Append(mlContext.Transforms.Conversion.MapValueToKey(ColumnNames.PredictedLabel, keyData: keyData)).Fit(scored);
        var metrics = mlContext.MulticlassClassification.Evaluate(toKeys.Transform(scored), ColumnNames.Label, ColumnNames.Score, ColumnNames.PredictedLabel);
        var confusion = metrics.ConfusionMatrix;
        return new ClassifierMetrics
        {
            MicroAccuracy = metrics.MicroAccuracy,
            MacroAccuracy = metrics.MacroAccuracy,
            LogLoss = metrics.LogLoss,
            PerClassLogLoss = metrics.PerClassLogLoss.ToList(),
            Classes = classNames.ToList(),
            ConfusionMatrix = Enumerable.Range(0, confusion.NumberOfClasses)
                .Select(t => (IReadOnlyList<long>)Enumerable.Range(0, confusion.NumberOfClasses).Select(p => (long)confusion.Counts[t][p]).ToList()).ToList(),
            TestImages = labels.Count,
            InferenceMsPerSample = scoringTime.TotalMilliseconds / labels.Count,
            TopLosses = topLosses,
            Predictions = TestPredictions(labels, predictions, classNames, paths),
        };
    }

    private static List<TestPrediction> TestPredictions(IReadOnlyList<string> labels, IReadOnlyList<ClassifierPrediction> predictions,
        IReadOnlyList<string> classNames, IReadOnlyList<string>? paths)
    {
        var classIndex = classNames.Select((name, k) => (name, k)).ToDictionary(c => c.name, c => c.k);
        double Probability(ClassifierPrediction p, string label) => classIndex.TryGetValue(label, out int k) ? p.Scores[k] : 0;
        return [.. labels.Select((label, row) => new TestPrediction(row, paths?[row], label, predictions[row].PredictedLabel,
            Probability(predictions[row], predictions[row].PredictedLabel), Probability(predictions[row], label)))];
    }

    /// <summary>Mean milliseconds to predict one image file through a plain ML.NET <c>PredictionEngine</c> on the loaded model
    /// (after a warm-up call): what an app that serves the <c>.zip</c> with ML.NET alone sees.</summary>
    public static double TimeSingleImage(MLContext mlContext, ImageClassifier classifier, IReadOnlyList<string> imagePaths)
    {
        if (imagePaths.Count == 0) return double.NaN;
        using var engine = mlContext.Model.CreatePredictionEngine<ImageInput, ImagePrediction>(classifier.Model);
        ImagePrediction Predict(string path) => engine.Predict(new ImageInput { ImagePath = ReducedImageCache.ReadablePath(Path.GetFullPath(path)) });
        Predict(imagePaths[0]);
        var clock = Stopwatch.StartNew();
        foreach (var path in imagePaths) Predict(path);
        return clock.Elapsed.TotalMilliseconds / imagePaths.Count;
    }

    private sealed class ScoredRow
    {
        public string Label { get; set; } = "";
        public float[] Score { get; set; } = [];
        public string PredictedLabel { get; set; } = "";
    }

    private sealed class LabelRow
    {
        public string Label { get; set; } = "";
    }
}
