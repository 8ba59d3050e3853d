using System.CommandLine;
using ClassifierToolkit.Cli.Data;
using ClassifierToolkit.Evaluation;
using ClassifierToolkit.Pipelines;
using ClassifierToolkit.Torch.Experiments;
using Microsoft.ML;
using Spectre.Console;

namespace ClassifierToolkit.Cli.Commands;

/// <summary><c>ctk compare a.json b.json ...</c>: trains each pipeline and prints the seed study's comparison table.</summary>
internal static class CompareCommand
{
    public static Command Create()
    {
        var pipelines = new Argument<FileInfo[]>("pipelines") { Description = "Two or more pipeline files", Arity = ArgumentArity.OneOrMore };
        var outputDir = new Option<string>("--output-dir") { Description = "Folder for the runs and the comparison", DefaultValueFactory = _ => Path.Combine("runs", "compare") };
        var reuse = new Option<bool>("--reuse-runs") { Description = "Reuse a pipeline's finished run in the output folder (same resolved pipeline) instead of training it again, e.g. after a killed compare" };
        var overrides = new PipelineOverrideOptions();
        var command = new Command("compare", "Train several pipelines and compare them: table, overlaid loss curves, Markdown report.") { pipelines, outputDir, reuse };
        foreach (var option in overrides.Options) command.Options.Add(option);
        command.SetAction((parse, cancellationToken) =>
        {
            var folder = Path.GetFullPath(parse.GetValue(outputDir)!);
            var specs = parse.GetValue(pipelines)!.Select(file => overrides.Load(file.FullName, parse)).ToList();
            var duplicate = specs.GroupBy(s => s.Name).FirstOrDefault(g => g.Count() > 1);
            if (duplicate is not null) throw new UsageException($"Two pipelines are named '{duplicate.Key}'; names must differ because each gets its own run folder.");
            var rows = new List<ComparisonReport.Row>();
            // One locator for all runs: it searches (and warns about the sample) once.
            var locator = SampleDataWarning.CreateLocator();
            foreach (var spec in specs)
            {
                AnsiConsole.MarkupLineInterpolated($"[bold]{spec.Name}[/]");
                var runFolder = Path.Combine(folder, spec.Name);
                if (parse.GetValue(reuse) && FinishedRun(runFolder, spec) is { } finished)
                {
                    AnsiConsole.MarkupLineInterpolated($"reusing the finished run in {runFolder}");
                    rows.Add(new ComparisonReport.Row(spec.Name, finished));
                    continue;
                }
                var options = new TrainingRunOptions { Spec = spec, ModelPath = Path.Combine(runFolder, "model.zip"), ReportDirectory = runFolder, Locator = locator, CancellationToken = cancellationToken };
                var result = ProgressDisplay.Run(callback => TrainingRun.Execute(new MLContext(spec.Training.Seed), options with { Callbacks = [callback] }));
                rows.Add(new ComparisonReport.Row(spec.Name, result.Metrics));
            }
            ComparisonReport.Write(folder, rows);
            ResultPrinter.PrintComparison(rows);
            AnsiConsole.MarkupLineInterpolated($"Report: [bold]{Path.Combine(folder, ComparisonReport.ReportFile)}[/]");
            return Task.FromResult(CtkApp.Success);
        });
        return command;
    }

    // A run counts as finished when it wrote its metrics and was trained from the same resolved pipeline.
    private static ClassifierMetrics? FinishedRun(string runFolder, PipelineSpec spec)
    {
        var metrics = Path.Combine(runFolder, "metrics.json");
        var pipeline = Path.Combine(runFolder, "pipeline.json");
        if (!File.Exists(metrics) || !File.Exists(pipeline) || File.GetLastWriteTimeUtc(metrics) < File.GetLastWriteTimeUtc(pipeline)) return null;
        return File.ReadAllText(pipeline) == PipelineSpecLoader.ToJson(spec) ? MetricsJson.Read(metrics) : null;
    }
}
