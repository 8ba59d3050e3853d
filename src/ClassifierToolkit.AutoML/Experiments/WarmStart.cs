using System.Text.Json.Nodes;
using ClassifierToolkit.AutoML.SearchSpaces;
using ClassifierToolkit.AutoML.Storage;
using ClassifierToolkit.AutoML.Trials;

namespace ClassifierToolkit.AutoML.Experiments;

/// <summary>What an earlier study gives a new one: trials to take in as they are, and configurations to run again.</summary>
/// <param name="Imports">Complete trials with their models, when the earlier study trained on the same data and input and ranked by the
/// same objective, and their configurations fit this study's space unchanged.</param>
/// <param name="Reruns">The other best trials' configurations, projected onto this study's space, offered before the portfolio.</param>
internal sealed record WarmStart(IReadOnlyList<ImportedTrial> Imports, IReadOnlyList<StartingPoint> Reruns)
{
    /// <summary>How many of the earlier study's best complete trials seed the new one.</summary>
    public const int Trials = 5;

    /// <summary>Nothing to start from.</summary>
    public static WarmStart None { get; } = new([], []);

    /// <summary>Reads the best complete trials of the earlier study in <paramref name="source"/>.</summary>
    /// <param name="source">A SQLite file, an earlier <c>ctk automl</c> output folder holding experiment.db, or a PostgreSQL connection string.</param>
    /// <param name="studyName">The earlier study; null for the store's only study, or else the one named <paramref name="study"/>.</param>
    /// <param name="study">The new study's name.</param>
    /// <param name="search">The new study's search file.</param>
    /// <param name="objective">The new study's objective name.</param>
    /// <param name="cancellationToken">Cancels the reading.</param>
    /// <exception cref="ArgumentException">No such file, folder or study; the message names it and what to give instead.</exception>
    public static async Task<WarmStart> ReadAsync(string source, string? studyName, string study, SearchFile search, string objective,
        CancellationToken cancellationToken)
    {
        var storage = Storage(source);
        await using var store = await ExperimentStores.OpenAsync(storage, storage, cancellationToken);
        var name = await PickStudyAsync(store, studyName, study, source, cancellationToken);
        var earlier = (await store.FindStudyAsync(name, cancellationToken))!;
        var best = (await store.GetTrialsAsync(name, cancellationToken))
            .Where(t => t.State == TrialState.Complete && t.Score is { } s && double.IsFinite(s))
            .OrderByDescending(t => t.Score).ThenBy(t => t.Number).Take(Trials).ToList();
        bool comparable = earlier.Definition.Objective == objective && SameSections(earlier.Definition.PipelineJson, search.Json, "data", "input");
        var imports = new List<ImportedTrial>();
        var reruns = new List<StartingPoint>();
        foreach (var trial in best)
        {
            var projection = SpaceProjection.Project(search.Space, trial.Parameters, search.BaseValue);
            var model = comparable && projection.Changes.Count == 0
                ? await store.LoadArtifactAsync(name, trial.Number, TrialRunner.ModelArtifact, cancellationToken) : null;
            if (model is not null)
                imports.Add(new ImportedTrial(trial with { Source = TrialSources.Imported(name, trial.Number) }, new Dictionary<string, byte[]> { [TrialRunner.ModelArtifact] = model }));
            else
                reruns.Add(new StartingPoint(TrialSources.Rerun(name, trial.Number, projection.Changes), projection.Parameters));
        }
        return new WarmStart(imports, reruns);
    }

    // The store a --warm-start value names; SQLite files are checked first, as opening one creates it.
    private static string Storage(string source)
    {
        if (PostgresConnectionString.IsPostgres(source)) return source;
        if (Directory.Exists(source))
        {
            var file = Path.Combine(source, ExperimentStores.DefaultFileName);
            return File.Exists(file) ? file : throw new ArgumentException(
                $"Warm start: the folder '{source}' holds no {ExperimentStores.DefaultFileName}. Give the output folder of an earlier 'ctk automl' run, "
                + "its experiment database, or a PostgreSQL connection string.", nameof(source));
        }
        return File.Exists(source) ? source : throw new ArgumentException(
            $"Warm start: '{source}' does not exist. Give the output folder of an earlier 'ctk automl' run (it holds {ExperimentStores.DefaultFileName}), "
            + "a SQLite experiment database, or a PostgreSQL connection string (Host=...).", nameof(source));
    }

    private static async Task<string> PickStudyAsync(IExperimentStore store, string? requested, string study, string source, CancellationToken cancellationToken)
    {
        var names = store is IStudyImport import ? await import.GetStudyNamesAsync(cancellationToken)
            : throw new InvalidOperationException($"Warm start: the store of '{source}' cannot list its studies.");
        var listed = names.Count == 0 ? "no study" : $"{string.Join(", ", names.Select(n => $"'{n}'"))}";
        if (requested is not null)
            return names.Contains(requested) ? requested
                : throw new ArgumentException($"Warm start: '{source}' holds no study '{requested}'; it holds {listed}.", nameof(requested));
        if (names.Count == 1) return names[0];
        if (names.Contains(study)) return study;
        throw new ArgumentException(names.Count == 0
            ? $"Warm start: '{source}' holds no study to start from."
            : $"Warm start: '{source}' holds several studies ({listed}) and none is named '{study}'; name one with --warm-start-study (ExperimentOptions.WarmStartStudy).",
            nameof(requested));
    }

    private static bool SameSections(string earlier, string now, params string[] sections)
    {
        var a = JsonNode.Parse(earlier);
        var b = JsonNode.Parse(now);
        return sections.All(section => JsonNode.DeepEquals(a?[section], b?[section]));
    }
}
