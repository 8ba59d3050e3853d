using System.CommandLine;
using ClassifierToolkit.Cli.Data;
using ClassifierToolkit.Data;
using ClassifierToolkit.Data.Sources;
using ClassifierToolkit.Prediction;
using ClassifierToolkit.Torch.Experiments;
using Microsoft.ML;
using Spectre.Console;

namespace ClassifierToolkit.Cli.Commands;

/// <summary>
/// <c>ctk evaluate &lt;model.zip&gt; --data fashion-mnist|&lt;folder&gt;</c>: test metrics of a saved model, end to end from image files
/// (Fashion-MNIST's test images are written as PNGs once, into the cache, and reused).
/// </summary>
internal static class EvaluateCommand
{
    public static Command Create()
    {
        var model = new Argument<FileInfo>("model") { Description = "A saved classifier .zip" };
        var data = new Option<string>("--data") { Description = "'fashion-mnist' (its test split) or an image folder with one sub-folder per class", Required = true };
        var limit = new Option<int?>("--limit") { Description = "Evaluate only the first N images" };
        var reportDir = new Option<string?>("--report-dir") { Description = "Write metrics.json, report.md and plots here" };
        var dataDir = new Option<string?>("--data-dir") { Description = "Folder holding the Fashion-MNIST IDX files" };
        var strict = new Option<bool>("--strict") { Description = "Refuse a folder with unusable files instead of skipping them with a warning" };
        var command = new Command("evaluate", "Evaluate a saved model on labelled images.") { model, data, limit, reportDir, dataDir, strict };
        command.SetAction(parse =>
        {
            var modelFile = parse.GetValue(model)!.FullName;
            var mlContext = new MLContext(1);
            using var classifier = ImageClassifier.Load(new ImageClassifier.Options { ModelPath = modelFile }, mlContext);
            var labelled = LabelledFiles(parse.GetValue(data)!, parse.GetValue(limit), parse.GetValue(dataDir), parse.GetValue(strict));
            ResultPrinter.PrintReduced(labelled.Reduced);
            ResultPrinter.PrintSkipped(labelled.Skipped, parse.GetValue(reportDir) is null ? "--report-dir's metrics.json and report.md" : "metrics.json and report.md");
            var files = Relabel(labelled.Files, classifier.ClassNames);
            var folder = parse.GetValue(reportDir);
            var metrics = ModelEvaluation.EvaluateAndReport(mlContext, classifier, TestImages.Of(files, labelled), folder, Path.GetFileNameWithoutExtension(modelFile));
            ResultPrinter.PrintMetrics(Path.GetFileName(modelFile), metrics);
            if (folder is not null) AnsiConsole.MarkupLineInterpolated($"Report: [bold]{Path.Combine(folder, "report.md")}[/]");
            return CtkApp.Success;
        });
        return command;
    }

    // Folder names may be the safe form of class names (T-shirt_top for T-shirt/top).
    private static List<ImageFile> Relabel(IReadOnlyList<ImageFile> files, IReadOnlyList<string> classNames)
    {
        var unknown = files.Select(f => f.Label).Distinct().Where(label => ClassFolderNames.Resolve(label, classNames) is null).ToList();
        if (unknown.Count > 0)
            throw new InvalidDataException($"The data has classes the model does not know: {string.Join(", ", unknown)} (model classes: {string.Join(", ", classNames)}).");
        return files.Select(f => new ImageFile { ImagePath = f.ImagePath, Label = ClassFolderNames.Resolve(f.Label, classNames)! }).ToList();
    }

    // The test pictures --data names: a data source's name, or a folder with one sub-folder per class.
    private static LabelledImageFiles LabelledFiles(string data, int? limit, string? dataDir, bool strict)
    {
        var (source, request) = DataArgument.Resolve(data, dataDir, strict, limit);
        return source.TestFiles(request);
    }
}
