using System.CommandLine;
using ClassifierToolkit.Pipelines;
using ClassifierToolkit.Torch.Experiments;
using Microsoft.ML;
using Spectre.Console;

namespace ClassifierToolkit.Cli.Commands;

/// <summary><c>ctk train &lt;pipeline.json&gt;</c>: trains, evaluates, saves the model and the report.</summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var pipeline = new Argument<FileInfo?>("pipeline") { Description = "Pipeline file, e.g. pipelines/fashion-mnist-cnn.json", Arity = ArgumentArity.ZeroOrOne };
        var resume = new Option<DirectoryInfo?>("--resume") { Description = "Continue the killed run in this folder (from its checkpoint and pipeline.json)" };
        var output = new Option<string?>("--output", "-o") { Description = "Model .zip to write (default: runs/<name>/model.zip)" };
        var reportDir = new Option<string?>("--report-dir") { Description = "Folder for metrics.json, report.md and plots (default: the model's folder)" };
        var epochs = new Option<int?>("--epochs") { Description = "Override the pipeline's epochs" };
        var trainLimit = new Option<int?>("--train-limit") { Description = "Use only the first N training images" };
        var testLimit = new Option<int?>("--test-limit") { Description = "Use only the first N test images" };
        var device = new Option<string?>("--device") { Description = "auto | cpu | cuda" };
        device.AcceptOnlyFromAmong(TrainingSpec.Devices.ToArray());
        var dataDir = new Option<string?>("--data-dir") { Description = "Folder holding the Fashion-MNIST IDX files" };
        var command = new Command("train", "Train a pipeline, evaluate it on the test set, save model.zip and a report.")
        {
            pipeline, output, reportDir, epochs, trainLimit, testLimit, device, dataDir, resume,
        };
        command.Validators.Add(result =>
        {
            if ((result.GetValue(pipeline) is null) == (result.GetValue(resume) is null))
                result.AddError("Give either a pipeline file or --resume <run folder>.");
        });
        command.SetAction((parse, cancellationToken) =>
        {
            var resumeFolder = parse.GetValue(resume)?.FullName;
            var spec = PipelineSpecLoader.Load(resumeFolder is null ? parse.GetValue(pipeline)!.FullName : Path.Combine(resumeFolder, "pipeline.json"));
            spec = spec with
            {
                Data = spec.Data with
                {
                    TrainLimit = parse.GetValue(trainLimit) ?? spec.Data.TrainLimit,
                    TestLimit = parse.GetValue(testLimit) ?? spec.Data.TestLimit,
                    Path = parse.GetValue(dataDir) ?? spec.Data.Path,
                },
                Training = spec.Training with
                {
                    Epochs = parse.GetValue(epochs) ?? spec.Training.Epochs,
                    Device = parse.GetValue(device) ?? spec.Training.Device,
                },
            };
            var modelPath = Path.GetFullPath(parse.GetValue(output) ?? Path.Combine(resumeFolder ?? Path.Combine("runs", spec.Name), "model.zip"));
            var options = new TrainingRunOptions
            {
                Spec = spec,
                ModelPath = modelPath,
                ReportDirectory = Path.GetFullPath(resumeFolder ?? parse.GetValue(reportDir) ?? Path.GetDirectoryName(modelPath)!),
                Resume = resumeFolder is not null,
                CancellationToken = cancellationToken,
            };
            var result = ProgressDisplay.Run(callback => TrainingRun.Execute(new MLContext(spec.Training.Seed), options with { Callbacks = [callback] }));
            ResultPrinter.PrintMetrics(spec.Name, result.Metrics);
            AnsiConsole.MarkupLineInterpolated($"Model:  [bold]{result.ModelPath}[/]");
            AnsiConsole.MarkupLineInterpolated($"Report: [bold]{Path.Combine(result.ReportDirectory, "report.md")}[/]");
            return Task.FromResult(CtkApp.Success);
        });
        return command;
    }
}
