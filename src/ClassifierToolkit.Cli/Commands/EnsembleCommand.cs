using System.CommandLine;
using System.Globalization;
using ClassifierToolkit.Onnx.Ensembles;
using Spectre.Console;

namespace ClassifierToolkit.Cli.Commands;

/// <summary>
/// <c>ctk ensemble &lt;model.zip&gt; &lt;model.zip&gt;... -o &lt;ensemble.zip&gt; [--weights 0.5,0.3,0.2] [--tta]</c>: several saved
/// models with the same classes and input as one model whose scores are the weighted mean of theirs, optionally averaged
/// over each image and its horizontal flip.
/// </summary>
internal static class EnsembleCommand
{
    public static Command Create()
    {
        var models = new Argument<string[]>("models") { Description = "Classifier .zip files saved by ctk train, with the same classes and input", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--output", "-o") { Description = "The ensemble .zip to write", Required = true };
        var weights = new Option<string?>("--weights") { Description = "One weight per model, comma-separated (normalized to sum to 1); default: equal" };
        var tta = new Option<bool>("--tta") { Description = "Test-time augmentation: also score each image flipped left to right and average (twice the compute)" };
        var command = new Command("ensemble", "Combine saved models into one model that averages their probabilities (one ONNX network, same .zip format).")
            { models, output, weights, tta };
        command.SetAction(parse =>
        {
            var paths = parse.GetValue(models)!;
            var saved = ModelEnsembler.CombineFiles(paths, ParseWeights(parse.GetValue(weights)), parse.GetValue(tta), parse.GetValue(output)!);
            AnsiConsole.MarkupLineInterpolated($"Combined {saved.Members.Count} models (weight, file):");
            for (int k = 0; k < saved.Members.Count; k++)
                AnsiConsole.MarkupLineInterpolated($"  {saved.Weights[k],6:0.000}  {saved.Members[k]}");
            AnsiConsole.MarkupLineInterpolated($"Test-time augmentation: {(saved.HorizontalFlip ? "horizontal flip (each image scored twice)" : "none")}.");
            AnsiConsole.MarkupLineInterpolated($"Size: {saved.SizeBytes:N0} bytes ({string.Join(" + ", saved.Members.Select(m => new FileInfo(m).Length.ToString("N0", CultureInfo.CurrentCulture)))} for the members).");
            AnsiConsole.MarkupLineInterpolated($"Wrote [bold]{saved.OutputPath}[/] (check accuracy with: ctk evaluate {parse.GetValue(output)} --data <test data>)");
            return CtkApp.Success;
        });
        return command;
    }

    private static double[]? ParseWeights(string? text) => text?.Split(',').Select(part =>
        double.TryParse(part.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var weight) ? weight
            : throw new UsageException($"--weights takes numbers separated by commas, such as 0.5,0.3,0.2; '{part}' is not a number.")).ToArray();
}
