using System.CommandLine;
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
        var overrides = new PipelineOverrides();
        var command = new Command("compare", "Train several pipelines and compare them: table, overlaid loss curves, Markdown report.") { pipelines, outputDir };
        foreach (var option in overrides.Options) command.Options.Add(option);
        command.SetAction((parse, cancellationToken) =>
        {
            var folder = Path.GetFullPath(parse.GetValue(outputDir)!);
            var specs = parse.GetValue(pipelines)!.Select(file => overrides.Apply(PipelineSpecLoader.Load(file.FullName), parse)).ToList();
            var duplicate = specs.GroupBy(s => s.Name).FirstOrDefault(g => g.Count() > 1);
            if (duplicate is not null) throw new ArgumentException($"Two pipelines are named '{duplicate.Key}'; names must differ because each gets its own run folder.");
            var rows = new List<ComparisonReport.Row>();
            foreach (var spec in specs)
            {
                AnsiConsole.MarkupLineInterpolated($"[bold]{spec.Name}[/]");
                var runFolder = Path.Combine(folder, spec.Name);
                var options = new TrainingRunOptions { Spec = spec, ModelPath = Path.Combine(runFolder, "model.zip"), ReportDirectory = runFolder, CancellationToken = cancellationToken };
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
}
