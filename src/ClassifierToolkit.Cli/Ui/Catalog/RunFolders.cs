using System.Text.Json;
using ClassifierToolkit.Evaluation;

namespace ClassifierToolkit.Cli.Ui.Catalog;

/// <summary>What the files of a run folder say about it: its kind, its model and its headline figures.</summary>
internal static class RunFolders
{
    public const string MetricsFile = "metrics.json";
    public const string CheckpointFolder = "checkpoint";

    /// <summary>The run in <paramref name="folder"/>, or null when it is not one.</summary>
    public static RunEntry? Read(UiRoot root, string folder)
    {
        var metrics = Path.Combine(folder, MetricsFile);
        bool finished = File.Exists(metrics);
        if (!finished && !Directory.Exists(Path.Combine(folder, CheckpointFolder))) return null;
        double? accuracy = null;
        string? dataNote = null;
        if (finished)
        {
            try
            {
                using var json = JsonDocument.Parse(File.ReadAllBytes(metrics));
                if (json.RootElement.TryGetProperty("microAccuracy", out var a) && a.ValueKind == JsonValueKind.Number) accuracy = a.GetDouble();
                if (json.RootElement.TryGetProperty("dataNote", out var n) && n.ValueKind == JsonValueKind.String) dataNote = n.GetString();
            }
            catch (Exception e) when (e is JsonException or IOException)
            {
                // Being written, or damaged: listed all the same; the run page says what is wrong.
            }
        }
        var model = ModelFile(folder);
        return new RunEntry(root.Relative(folder), Path.GetFileName(folder), Kind(folder), finished ? "finished" : "incomplete",
            File.GetLastWriteTimeUtc(finished ? metrics : Path.Combine(folder, CheckpointFolder)), accuracy,
            model is null ? null : root.Relative(model), dataNote);
    }

    /// <summary>The folder's model: <c>model.zip</c> (ctk train), <c>best.zip</c> (ctk automl), <c>&lt;Name&gt;.zip</c> beside <c>&lt;Name&gt;.ctk.json</c> (ctk new), or null.</summary>
    public static string? ModelFile(string folder)
    {
        foreach (var name in new[] { "model.zip", "best.zip" })
            if (File.Exists(Path.Combine(folder, name))) return Path.Combine(folder, name);
        return NewConfig(folder) is { } config && File.Exists(config[..^".ctk.json".Length] + ".zip") ? config[..^".ctk.json".Length] + ".zip" : null;
    }

    /// <summary>The <c>ctk new</c> configuration in <paramref name="folder"/>, or null.</summary>
    public static string? NewConfig(string folder) => Directory.EnumerateFiles(folder, "*.ctk.json").FirstOrDefault();

    private static string Kind(string folder) =>
        NewConfig(folder) is not null ? "new"
        : File.Exists(Path.Combine(folder, "experiment.db")) ? "automl"
        : File.Exists(Path.Combine(folder, ComparisonReport.ReportFile)) ? "compare"
        : File.Exists(Path.Combine(folder, "pipeline.json")) ? "train"
        : "evaluate";
}
