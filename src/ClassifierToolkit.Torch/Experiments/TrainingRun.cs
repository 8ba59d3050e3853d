using System.Text.Json;
using ClassifierToolkit.Data;
using ClassifierToolkit.Evaluation;
using ClassifierToolkit.IO;
using ClassifierToolkit.Pipelines;
using ClassifierToolkit.Prediction;
using ClassifierToolkit.Preprocessing;
using ClassifierToolkit.Torch.Training;
using ClassifierToolkit.Torch.Training.Checkpoints;
using ClassifierToolkit.Torch.Weights;
using ClassifierToolkit.Weights;
using ClassifierToolkit.Training;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace ClassifierToolkit.Torch.Experiments;

/// <summary>
/// Trains a pipeline end to end: load and split data, fit the trainer, save the .zip (preprocessing + network),
/// evaluate on the test set, and write metrics.json, report.md, plots and the resolved pipeline.
/// </summary>
public static class TrainingRun
{
    /// <summary>Runs <paramref name="options"/>: trains, saves, evaluates on the test set and writes the report.</summary>
    public static TrainingRunResult Execute(MLContext mlContext, TrainingRunOptions options)
    {
        var spec = options.Spec;
        return WithData(mlContext, options, data =>
        {
            var trained = TrainAndSave(mlContext, options, data);
            var metrics = ModelEvaluation.EvaluateAndReport(mlContext, options.ModelPath, TestImages.Of(data), options.ReportDirectory, spec.Name, measured => measured with
            {
                Parameters = trained.Parameters,
                TrainingSeconds = trained.TrainingSeconds,
                TrainImages = trained.TrainImages,
                Epochs = trained.History,
                Compute = trained.Compute,
            });
            return new TrainingRunResult(metrics, options.ModelPath, options.ReportDirectory, trained);
        });
    }

    /// <summary>
    /// Trains and saves the model without touching the test set (a search compares trials on validation metrics only);
    /// writes the resolved pipeline and model.zip into the run folder. The returned transformer is disposed: load model.zip to predict.
    /// </summary>
    public static TrainedClassifier Train(MLContext mlContext, TrainingRunOptions options) =>
        WithData(mlContext, options, data => TrainAndSave(mlContext, options, data));

    /// <summary>
    /// Scores a saved model (from <see cref="Train"/>) once on <paramref name="spec"/>'s test set and writes metrics.json,
    /// report.md and plots into <paramref name="reportDirectory"/>.
    /// </summary>
    public static ClassifierMetrics Evaluate(MLContext mlContext, PipelineSpec spec, string modelPath, string reportDirectory, FashionMnistLocator? locator = null)
    {
        var options = new TrainingRunOptions { Spec = spec, ModelPath = modelPath, ReportDirectory = reportDirectory, Locator = locator };
        return WithData(mlContext, options, data => ModelEvaluation.EvaluateAndReport(mlContext, modelPath, TestImages.Of(data), reportDirectory, spec.Name));
    }

    // Checks the spec before any data are read, loads the data, and cleans the scratch folder whatever happens.
    private static T WithData<T>(MLContext mlContext, TrainingRunOptions options, Func<PipelineData, T> work)
    {
        PipelineTrainerOptions.Check(options.Spec);
        Directory.CreateDirectory(options.ReportDirectory);
        var scratch = Directory.CreateTempSubdirectory("ctk-run-").FullName;
        // ML.NET's own temporary files (network copies, model-saving scratch) go to the scratch folder too, so none outlive the run.
        var mlNetTemp = mlContext.TempFilePath;
        mlContext.TempFilePath = scratch;
        try
        {
            // Read before the data, so a missing checkpoint is reported at once.
            if (options.Resume) TrainingCheckpoint.Read(CheckpointFolder(options));
            return work(PipelineData.Load(mlContext, options.Spec.Data, options.Spec.Input, scratch, options.Locator));
        }
        finally
        {
            mlContext.TempFilePath = mlNetTemp;
            Directory.Delete(scratch, recursive: true);
        }
    }

    private static TrainedClassifier TrainAndSave(MLContext mlContext, TrainingRunOptions options, PipelineData data)
    {
        var spec = options.Spec;
        var ownCallbacks = PipelineTrainerOptions.Callbacks(spec.Training, options.ReportDirectory);
        try
        {
            // Written first, so a killed run can be resumed from its folder.
            AtomicFile.WriteAllText(Path.Combine(options.ReportDirectory, "pipeline.json"), PipelineSpecLoader.ToJson(spec));
            var trainerOptions = PipelineTrainerOptions.From(spec);
            trainerOptions.ClassNames = data.ClassNames;
            var control = new TrainingControl
            {
                Callbacks = [.. ownCallbacks, .. options.Callbacks],
                Resume = options.Resume ? TrainingCheckpoint.Read(CheckpointFolder(options)) : null,
                CancellationToken = options.CancellationToken,
                SkippedFiles = data.Skipped,
                ReducedImages = data.Reduced,
            };
            var trained = new ImageClassifierTrainer(mlContext, trainerOptions)
                .FitWithDetails(data.Train, data.ValidationCount > 0 ? data.Validation : null, control);
            var fullModel = new TransformerChain<ITransformer>(ImagePreprocessing.Fit(mlContext, trained.Input, spec.Input.Resize), trained.Transformer);
            SavedClassifier.Save(mlContext, fullModel, options.ModelPath);
            // The run goes on from the saved file; ML.NET deletes the network's temporary file only on dispose.
            (fullModel as IDisposable)?.Dispose();
            return trained;
        }
        finally
        {
            foreach (var callback in ownCallbacks.OfType<IDisposable>()) callback.Dispose();
        }
    }

    private static string CheckpointFolder(TrainingRunOptions options) => Path.Combine(options.ReportDirectory, PipelineTrainerOptions.CheckpointFolder);
}
