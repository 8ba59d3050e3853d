using System.Text.Json;
using System.Text.Json.Nodes;
using ClassifierToolkit.Cli.Ui.Catalog;
using ClassifierToolkit.Evaluation;
using ClassifierToolkit.Pipelines;

namespace ClassifierToolkit.Cli.Ui.Runs;

/// <summary>A run a request names (<c>?run=</c>, its folder relative to the root) and the files the run page reads from it.</summary>
internal sealed record RunFolder(RunEntry Entry, string FullPath)
{
    /// <summary>The pipeline files a run's test set is described by: ctk train's, then a search's best trial's.</summary>
    private static readonly string[] PipelineFiles = ["pipeline.json", "best-pipeline.json"];

    /// <summary>The run <paramref name="id"/> names.</summary>
    /// <exception cref="UiRequestException">400 without an id; 403 outside the root; 404 for a folder that is not a run.</exception>
    public static RunFolder Open(UiRoot root, string? id)
    {
        var folder = root.Resolve(id, "run");
        var entry = Directory.Exists(folder) ? RunFolders.Read(root, folder) : null;
        return entry is null
            ? throw UiRequestException.NotFound($"There is no run '{id}' under the root ({root.FullPath}): a run is a folder holding a metrics.json or a checkpoint. Open one from the list.")
            : new RunFolder(entry, folder);
    }

    public string MetricsPath => Path.Combine(FullPath, RunFolders.MetricsFile);

    public string PredictionsPath => Path.Combine(FullPath, PredictionsCsv.FileName);

    /// <summary>The run's model .zip, or null.</summary>
    public string? ModelPath => RunFolders.ModelFile(FullPath);

    /// <summary>The run's metrics, or null while it has none (still training, or stopped).</summary>
    /// <exception cref="UiRequestException">409 when metrics.json cannot be read (being written, or damaged).</exception>
    public ClassifierMetrics? ReadMetrics()
    {
        if (!File.Exists(MetricsPath)) return null;
        try
        {
            return MetricsJson.Read(MetricsPath);
        }
        catch (Exception e) when (e is JsonException or IOException or InvalidDataException)
        {
            throw UiRequestException.Conflict($"The run '{Entry.Id}' has a metrics.json that cannot be read ({e.Message}). " +
                $"Write it again: ctk evaluate \"{ModelPath ?? Path.Combine(FullPath, "model.zip")}\" --data <its test data> --report-dir \"{FullPath}\".");
        }
    }

    /// <summary>The metrics, refusing a run that has none yet (409).</summary>
    public ClassifierMetrics RequireMetrics() => ReadMetrics()
        ?? throw UiRequestException.Conflict($"The run '{Entry.Id}' has no metrics.json yet: it is still training, or stopped before its test. Wait for it, or resume it.");

    /// <summary>The pipeline the run was made from (with its test set's description): ctk train's, a search's best trial's, or the one a
    /// <c>ctk new</c> configuration records for its model; null when it has none or it cannot be read.</summary>
    public PipelineSpec? ReadPipeline()
    {
        try
        {
            foreach (var name in PipelineFiles)
                if (Path.Combine(FullPath, name) is var file && File.Exists(file)) return PipelineSpecLoader.Load(file);
            return RunFolders.NewConfig(FullPath) is { } config && JsonNode.Parse(File.ReadAllText(config))?["result"]?["pipeline"] is JsonObject recorded
                ? PipelineSpecLoader.Read(recorded, config, FullPath)
                : null;
        }
        catch (Exception e) when (e is PipelineSpecException or IOException or JsonException)
        {
            return null;
        }
    }

    /// <summary>A cache key that changes when <paramref name="path"/> is rewritten.</summary>
    public static string Version(string path) => $"{path}|{File.GetLastWriteTimeUtc(path).Ticks}";
}
