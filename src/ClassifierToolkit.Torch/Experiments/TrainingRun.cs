using System.Text.Json;
using ClassifierToolkit.Evaluation;
using ClassifierToolkit.IO;
using ClassifierToolkit.Pipelines;
using ClassifierToolkit.Prediction;
using ClassifierToolkit.Preprocessing;
using ClassifierToolkit.Torch.Training;
using ClassifierToolkit.Torch.Training.Checkpoints;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace ClassifierToolkit.Torch.Experiments;

/// <summary>
/// Trains a pipeline end to end: load and split data, fit the trainer, save the .zip (preprocessing + network),
/// evaluate on the test set, and write metrics.json, report.md, plots and the resolved pipeline.
/// </summary>
public static class TrainingRun
{
    /// <summary>Runs <paramref name="options"/>.</summary>
    public static TrainingRunResult Execute(MLContext mlContext, TrainingRunOptions options)
    {
        var spec = options.Spec;
        PipelineTrainerOptions.Check(spec);
        Directory.CreateDirectory(options.ReportDirectory);
        var scratch = Directory.CreateTempSubdirectory("ctk-run-").FullName;
        var ownCallbacks = PipelineTrainerOptions.Callbacks(spec.Training, options.ReportDirectory);
        try
        {
            // Written first, so a killed run can be resumed from its folder.
            AtomicFile.WriteAllText(Path.Combine(options.ReportDirectory, "pipeline.json"), PipelineSpecLoader.ToJson(spec));
            // Read before the data, so a missing checkpoint is reported at once.
            var resume = options.Resume ? TrainingCheckpoint.Read(Path.Combine(options.ReportDirectory, PipelineTrainerOptions.CheckpointFolder)) : null;
            var data = PipelineData.Load(mlContext, spec.Data, spec.Input, scratch, options.Locator);
            var trainerOptions = PipelineTrainerOptions.From(spec);
            trainerOptions.ClassNames = data.ClassNames;
            trainerOptions.ValidationSet = data.ValidationCount > 0 ? data.Validation : null;
            trainerOptions.CancellationToken = options.CancellationToken;
            trainerOptions.Resume = resume;
            foreach (var callback in ownCallbacks.Concat(options.Callbacks))
                trainerOptions.Callbacks.Add(callback);
            var trained = new ImageClassifierTrainer(mlContext, trainerOptions).FitWithDetails(data.Train);

            var fullModel = new TransformerChain<ITransformer>(ImagePreprocessing.Fit(mlContext, trained.Input), trained.Transformer);
            ImageClassifier.Save(mlContext, fullModel, options.ModelPath);

            var metrics = ClassifierEvaluator.Evaluate(mlContext, trained.Transformer, data.Test, data.ClassNames) with
            {
                Parameters = trained.Parameters,
                ModelSizeBytes = new FileInfo(options.ModelPath).Length,
                TrainingSeconds = trained.TrainingSeconds,
                TrainImages = trained.TrainImages,
                SingleImageMs = ClassifierEvaluator.TimeSingleImage(ImageClassifier.Load(options.ModelPath), data.SampleImageFiles),
                Epochs = trained.History,
            };
            MarkdownReport.WriteAll(options.ReportDirectory, spec.Name, metrics);
            AtomicFile.WriteAllText(Path.Combine(options.ReportDirectory, "versions.json"), JsonSerializer.Serialize(RuntimeVersions(), new JsonSerializerOptions { WriteIndented = true }));
            return new TrainingRunResult(metrics, options.ModelPath, options.ReportDirectory, trained);
        }
        finally
        {
            foreach (var callback in ownCallbacks.OfType<IDisposable>()) callback.Dispose();
            Directory.Delete(scratch, recursive: true);
        }
    }

    private static Dictionary<string, string> RuntimeVersions() => new()
    {
        ["ClassifierToolkit"] = typeof(TrainingRun).Assembly.GetName().Version?.ToString() ?? "?",
        ["Microsoft.ML"] = typeof(MLContext).Assembly.GetName().Version?.ToString() ?? "?",
        ["TorchSharp"] = typeof(TorchSharp.torch).Assembly.GetName().Version?.ToString() ?? "?",
        [".NET"] = Environment.Version.ToString(),
        ["os"] = System.Runtime.InteropServices.RuntimeInformation.OSDescription,
    };
}
