using System.CommandLine;
using ClassifierToolkit.Cli.Data;
using ClassifierToolkit.Data;
using Spectre.Console;

namespace ClassifierToolkit.Cli.Commands;

/// <summary><c>ctk data export-images fashion-mnist &lt;dir&gt;</c>: writes a data set as PNG files in class folders.</summary>
internal static class DataCommand
{
    public static Command Create()
    {
        var dataset = new Argument<string>("dataset") { Description = "The data set to export" };
        dataset.AcceptOnlyFromAmong(FashionMnist.SourceName);
        var folder = new Argument<string>("dir") { Description = "Output folder (one sub-folder per class is created)" };
        var split = new Option<string>("--split") { Description = "train or test", DefaultValueFactory = _ => "test" };
        split.AcceptOnlyFromAmong("train", "test");
        var limit = new Option<int?>("--limit") { Description = "Export only the first N images" };
        var dataDir = new Option<string?>("--data-dir") { Description = "Folder holding the Fashion-MNIST IDX files" };
        var export = new Command("export-images", "Write a data set as PNG files, one folder per class.") { dataset, folder, split, limit, dataDir };
        export.SetAction(parse =>
        {
            var kind = parse.GetValue(split) == "train" ? DataSplitKind.Train : DataSplitKind.Test;
            var images = FashionMnist.Load(kind, SampleDataWarning.CreateLocator(parse.GetValue(dataDir)), parse.GetValue(limit));
            var written = PngExporter.Export(images, parse.GetValue(folder)!);
            AnsiConsole.MarkupLineInterpolated($"Wrote {written.Count:N0} PNG files in {written.Select(f => f.Label).Distinct().Count()} class folders under [bold]{Path.GetFullPath(parse.GetValue(folder)!)}[/]");
            return CtkApp.Success;
        });
        return new Command("data", "Data set utilities.") { export };
    }
}
