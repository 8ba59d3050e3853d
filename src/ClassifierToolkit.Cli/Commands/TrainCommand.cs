using System.CommandLine;
using ClassifierToolkit.Cli.Data;
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
        var from = new Option<FileInfo?>("--from") { Description = "Continue training from a saved model.zip (same classes: continue; other classes: a new head)" };
        var weights = new Option<string?>("--weights") { Description = "Start from pretrained weights (transfer.weights): imagenet (built in; model resnet-mlnet, see pipelines/transfer-imagenet-folder.json), a .safetensors file or a model .zip" };
        var overrides = new PipelineOverrideOptions();
        var command = new Command("train", "Train a pipeline, evaluate it on the test set, save model.zip and a report.") { pipeline, output, reportDir, resume, from, weights };
        foreach (var option in overrides.Options) command.Options.Add(option);
        command.Validators.Add(result =>
        {
            if ((result.GetValue(pipeline) is null) == (result.GetValue(resume) is null))
                result.AddError("Give either a pipeline file or --resume <run folder>.");
            if (result.GetValue(from) is not null && result.GetValue(weights) is not null)
                result.AddError("Give --from (continue a saved model) or --weights (start from pretrained weights), not both.");
        });
        command.SetAction((parse, cancellationToken) =>
        {
            var resumeFolder = parse.GetValue(resume)?.FullName;
            if (resumeFolder is not null && !File.Exists(Path.Combine(resumeFolder, "pipeline.json")))
                throw new FileNotFoundException($"'{resumeFolder}' is not a run folder: it has no pipeline.json. Give --resume the folder a 'ctk train' run wrote.");
            var spec = overrides.Load(resumeFolder is null ? parse.GetValue(pipeline)!.FullName : Path.Combine(resumeFolder, "pipeline.json"), parse);
            if (parse.GetValue(from) is { } start) spec = ContinueFrom(spec, start);
            if (parse.GetValue(weights) is { } pretrained) spec = StartFrom(spec, pretrained);
            var modelPath = Path.GetFullPath(parse.GetValue(output) ?? Path.Combine(resumeFolder ?? Path.Combine("runs", spec.Name), "model.zip"));
            var options = new TrainingRunOptions
            {
                Spec = spec,
                ModelPath = modelPath,
                ReportDirectory = Path.GetFullPath(resumeFolder ?? parse.GetValue(reportDir) ?? Path.GetDirectoryName(modelPath)!),
                Resume = resumeFolder is not null,
                Locator = SampleDataWarning.CreateLocator(),
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

    // The pipeline's transfer section keeps its settings (a fine-tune by default) and takes these weights.
    private static PipelineSpec StartFrom(PipelineSpec spec, string weights)
    {
        var path = TransferSpec.IsImageNet(weights) ? TransferSpec.ImageNetWeights : Path.GetFullPath(weights);
        return spec with { Transfer = (spec.Transfer ?? new TransferSpec()) with { Weights = path } };
    }

    // Continuing a saved model is fine-tuning all of it at the recipe's rate from its own weights; a transfer section in the
    // pipeline keeps its own settings and only takes the weights from here.
    private static PipelineSpec ContinueFrom(PipelineSpec spec, FileInfo model)
    {
        if (!model.Exists) throw new FileNotFoundException($"--from: model file '{model.FullName}' does not exist.", model.FullName);
        var transfer = spec.Transfer ?? new TransferSpec { Mode = TransferMode.Finetune, HeadEpochs = 0, BackboneLearningRateFactor = 1 };
        return spec with { Transfer = transfer with { Weights = model.FullName } };
    }
}
