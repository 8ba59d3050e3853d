using ClassifierToolkit.Cli.New;
using ClassifierToolkit.Cli.Search;

namespace ClassifierToolkit.Cli.Ui.NewModels;

/// <summary>The new-model form as the page posts it (<c>POST /api/new</c>): folders relative to the root, the time as <c>ctk new</c> writes it.</summary>
/// <param name="Data">The training images, one sub-folder per class.</param>
/// <param name="TestData">Held-out test images with the same classes, or empty.</param>
/// <param name="TrainTime">The whole run's time, e.g. <c>2m</c>.</param>
/// <param name="Weights"><c>auto</c>, <c>imagenet</c>, <c>none</c>, or a <c>.safetensors</c> or model <c>.zip</c> under the root.</param>
/// <param name="Name">The model's and the projects' name (made a C# identifier).</param>
/// <param name="Output">Where everything goes; empty for <c>models/&lt;Name&gt;</c>.</param>
internal sealed record NewModelRequest(string? Data, string? TestData, string? TrainTime, string? Weights, string? Name, string? Output)
{
    /// <summary>The shortest time <c>ctk new</c> completes in: reading the data and the finish take some 10 s, and its search needs 10 more.</summary>
    public static readonly TimeSpan ShortestTime = TimeSpan.FromSeconds(20);
    /// <summary>Where a model goes when the form names no output folder.</summary>
    public const string ModelsFolder = "models";
    /// <summary>The <c>--weights</c> names (besides a file).</summary>
    public static readonly string[] WeightsNames = [WeightsChoice.Auto, "imagenet", WeightsChoice.None];

    /// <summary>The checked request: every path resolved inside <paramref name="root"/>.</summary>
    /// <exception cref="UiRequestException">What is wrong, for the form to show: 400 (missing or malformed), 403 (outside the root),
    /// 404 (no such folder or file), 409 (the output folder holds files already).</exception>
    public NewJobPlan Check(UiRoot root)
    {
        var name = ProjectNameOf(Name);
        var data = ExistingFolder(root, Data, "data folder");
        var test = string.IsNullOrWhiteSpace(TestData) ? null : ExistingFolder(root, TestData, "test folder");
        var time = TimeOf(TrainTime);
        var weights = WeightsOf(root, Weights);
        var outputRelative = string.IsNullOrWhiteSpace(Output) ? $"{ModelsFolder}/{name}" : Output.Trim();
        var output = root.Resolve(outputRelative, "output folder");
        if (File.Exists(output)) throw UiRequestException.Conflict($"The output folder '{outputRelative}' is a file; give a new folder's name.");
        if (Directory.Exists(output) && Directory.EnumerateFileSystemEntries(output).Any())
            throw UiRequestException.Conflict($"The output folder '{outputRelative}' holds files already; give a new or empty folder (or another name), so no earlier model is overwritten.");
        // Inside a data folder, the model's files would be read as a class of images next time.
        if (new[] { data, test }.Any(folder => folder is not null && output.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal)))
            throw UiRequestException.Conflict($"The output folder '{outputRelative}' lies inside the data; give a folder outside it, e.g. {ModelsFolder}/{name}.");
        return new NewJobPlan(name, data, test, TrainTime!.Trim(), time, weights, output);
    }

    private static string ProjectNameOf(string? requested)
    {
        if (string.IsNullOrWhiteSpace(requested)) return "MLModel";
        try
        {
            return ProjectName.From(requested.Trim()).Value;
        }
        catch (ArgumentException e)
        {
            throw UiRequestException.BadRequest($"Name: {e.Message.Split(" (Parameter")[0]}");
        }
    }

    private static string ExistingFolder(UiRoot root, string? relative, string what)
    {
        if (string.IsNullOrWhiteSpace(relative)) throw UiRequestException.BadRequest($"Give the {what}: a folder under the root ({root.FullPath}) with one sub-folder of images per class.");
        var full = root.Resolve(relative.Trim(), what);
        if (!Directory.Exists(full)) throw UiRequestException.NotFound($"The {what} '{relative}' does not exist under the root ({root.FullPath}); pick one from the list.");
        return full;
    }

    private static TimeSpan TimeOf(string? text)
    {
        TimeSpan time;
        try
        {
            time = DurationParser.Parse(text ?? "", "The train time");
        }
        catch (UsageException e)
        {
            throw UiRequestException.BadRequest(e.Message);
        }
        if (time < ShortestTime) throw UiRequestException.BadRequest($"The train time '{text}' is too short for ctk new to finish a trial; give at least {ShortestTime.TotalSeconds:F0}s.");
        return time;
    }

    // A name as ctk new takes it; a file only from under the root, passed on as its full path.
    private static string WeightsOf(UiRoot root, string? weights)
    {
        if (string.IsNullOrWhiteSpace(weights)) return WeightsChoice.Auto;
        var trimmed = weights.Trim();
        if (WeightsNames.Contains(trimmed, StringComparer.OrdinalIgnoreCase)) return trimmed.ToLowerInvariant();
        var file = root.Resolve(trimmed, "weights file");
        if (!File.Exists(file))
            throw UiRequestException.NotFound($"The weights '{weights}' are neither {string.Join(", ", WeightsNames)} nor a file under the root ({root.FullPath}); give a .safetensors or model .zip there.");
        return file;
    }
}
