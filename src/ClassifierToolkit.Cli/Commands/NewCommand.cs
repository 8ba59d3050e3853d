using System.CommandLine;
using ClassifierToolkit.Cli.New;
using ClassifierToolkit.Cli.Search;

namespace ClassifierToolkit.Cli.Commands;

/// <summary>
/// <c>ctk new --scenario image-classification --data &lt;folder&gt;</c>: Model Builder's workflow from a console: a folder of
/// labelled images in; a model, a report, a re-runnable config and generated consumer projects out.
/// </summary>
internal static class NewCommand
{
    public static Command Create()
    {
        var scenario = new Option<string?>("--scenario") { Description = "What to make: image-classification" };
        var data = new Option<string?>("--data") { Description = "The training images: one sub-folder per class" };
        var testData = new Option<string?>("--test-data") { Description = "Held-out test images with the same class sub-folders (default: report on the validation split)" };
        var trainTime = new Option<string?>("--train-time") { Description = "The whole run's time, e.g. 10m (default), 5m, 1h" };
        var name = new Option<string?>("--name") { Description = "Name of the model and the generated projects (a C# identifier; default MLModel)" };
        var output = new Option<string?>("--output", "-o") { Description = "Output folder (default: ./<name>)" };
        var weights = new Option<string?>("--weights") { Description = "auto (default: the built-in ImageNet backbone for colour or large pictures, from scratch for small grey ones) | imagenet | none | a .safetensors file (torchvision/timm names) or a model .zip to fine-tune" };
        var config = new Option<string?>("--config") { Description = "Run a <name>.ctk.json again (options given here override its settings)" };
        var strict = new Option<bool>("--strict") { Description = "Refuse folders with unusable files instead of skipping them with a warning" };
        var seed = new Option<int?>("--seed") { Description = "Seeds the split, the search and training (default 1)" };
        var imageSize = new Option<int?>("--image-size") { Description = "The network's input side in pixels, instead of the one chosen from the data and the time (e.g. 128 for faster scoring)" };
        scenario.AcceptOnlyFromAmong(NewSettings.ImageClassification);
        var command = new Command("new", "Make an image classifier from a folder of labelled images: inspect, search within a time, save the model, a report, a config and consumer projects.")
            { scenario, data, testData, trainTime, name, output, weights, config, strict, seed, imageSize };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var fromConfig = parse.GetValue(config) is { } file ? NewConfigFile.Read(Path.GetFullPath(file)) : null;
            string? Full(string? path) => path is null ? null : Path.GetFullPath(path);
            if (fromConfig is null && parse.GetValue(scenario) is null)
                throw new UsageException("Give --scenario image-classification (or --config <name>.ctk.json to run a saved config again).");
            var dataFolder = Full(parse.GetValue(data)) ?? fromConfig?.Data
                ?? throw new UsageException("Give --data <folder>: the training images, one sub-folder per class.");
            // The name becomes the generated projects' namespace: made a C# identifier now, before minutes of training.
            var projectName = ProjectName.From(parse.GetValue(name) ?? fromConfig?.Name ?? "MLModel");
            if (projectName.WasChanged)
                Spectre.Console.AnsiConsole.MarkupLineInterpolated($"Name: [bold]{projectName.Value}[/] ('{projectName.Requested}' made a C# identifier, as the generated code needs)");
            var modelName = projectName.Value;
            var settings = new NewSettings
            {
                Name = modelName,
                Data = dataFolder,
                TestData = Full(parse.GetValue(testData)) ?? fromConfig?.TestData,
                TrainTime = parse.GetValue(trainTime) ?? fromConfig?.TrainTime ?? "10m",
                Output = Full(parse.GetValue(output)) ?? fromConfig?.Output ?? Path.GetFullPath(modelName),
                Weights = (parse.GetValue(weights) is { } w && WeightsChoice.IsName(w) ? w.ToLowerInvariant() : Full(parse.GetValue(weights))) ?? fromConfig?.Weights,
                Strict = parse.GetValue(strict) || (fromConfig?.Strict ?? false),
                Seed = parse.GetValue(seed) ?? fromConfig?.Seed ?? 1,
                ImageSize = parse.GetValue(imageSize) ?? fromConfig?.ImageSize,
            };
            var time = DurationParser.Parse(settings.TrainTime, "--train-time");
            return await NewWorkflow.RunAsync(settings, time, cancellationToken);
        });
        return command;
    }
}
