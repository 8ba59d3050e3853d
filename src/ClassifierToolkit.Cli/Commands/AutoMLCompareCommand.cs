using System.CommandLine;
using ClassifierToolkit.AutoML.Experiments;
using Spectre.Console;

namespace ClassifierToolkit.Cli.Commands;

/// <summary><c>ctk automl compare</c>: several studies' best-so-far lines in one PNG, e.g. CFO, TPE and random under one budget.</summary>
internal static class AutoMLCompareCommand
{
    public static Command Create()
    {
        var storages = new Argument<string[]>("storage") { Description = "Each study's automl output folder, SQLite file or PostgreSQL connection string", Arity = ArgumentArity.OneOrMore };
        var study = new Option<string>("--study") { Description = "The study name (the search file's name unless --study was given)", Required = true };
        var output = new Option<string>("--output", "-o") { Description = "The PNG to write; a .md table goes next to it", DefaultValueFactory = _ => "best_so_far_compared.png" };
        var command = new Command("compare", "Plot several studies' best validation accuracy against time in one PNG, with a table of their trials.") { storages, study, output };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var studies = await StudyComparison.ReadAsync(parse.GetValue(storages)!, parse.GetValue(study)!, cancellationToken);
            var png = Path.GetFullPath(parse.GetValue(output)!);
            Directory.CreateDirectory(Path.GetDirectoryName(png)!);
            StudyComparison.Write(studies, png);
            AnsiConsole.WriteLine(StudyComparison.Table(studies));
            AnsiConsole.MarkupLineInterpolated($"Plot:  [bold]{png}[/]");
            AnsiConsole.MarkupLineInterpolated($"Table: [bold]{Path.ChangeExtension(png, ".md")}[/]");
            return CtkApp.Success;
        });
        return command;
    }
}
