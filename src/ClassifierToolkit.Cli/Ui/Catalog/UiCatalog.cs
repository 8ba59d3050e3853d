using ClassifierToolkit.AutoML.Storage;
using ClassifierToolkit.AutoML.Trials;

namespace ClassifierToolkit.Cli.Ui.Catalog;

/// <summary>
/// Finds the runs and studies under the root: every folder holding a run's files and every <c>experiment.db</c>, plus the studies of
/// the <c>--storage</c> database. Links are not followed (they could lead outside the root). A scan is reused for
/// <see cref="ScanInterval"/>, and a study file's summary until the file changes, so a page with hundreds of runs loads fast.
/// </summary>
internal sealed class UiCatalog(UiRoot root, string? storage)
{
    public const string PostgresId = "postgres";
    private const int MaxDepth = 8;
    private static readonly TimeSpan ScanInterval = TimeSpan.FromSeconds(2);
    private static readonly HashSet<string> SkippedFolders = ["bin", "obj", "node_modules", "checkpoint", "selection", "tensorboard"];

    private readonly SemaphoreSlim _scanLock = new(1, 1);
    private (DateTime At, List<RunEntry> Runs, List<string> StudyFiles)? _scan;
    private readonly Dictionary<string, (DateTime Stamp, IReadOnlyList<StudyEntry> Studies)> _studyCache = [];

    public UiRoot Root => root;
    public string? Storage => storage;

    /// <summary>Runs, newest first.</summary>
    public async Task<IReadOnlyList<RunEntry>> RunsAsync(CancellationToken cancellationToken) => (await ScanAsync(cancellationToken)).Runs;

    /// <summary>Studies in every <c>experiment.db</c> under the root and in <c>--storage</c>, newest first. A store that cannot be read is
    /// listed as one entry in state <c>unreadable</c> (its reason in <see cref="StudyEntry.Metric"/>), not an error for the whole page.</summary>
    public async Task<IReadOnlyList<StudyEntry>> StudiesAsync(CancellationToken cancellationToken)
    {
        var studies = new List<StudyEntry>();
        foreach (var file in (await ScanAsync(cancellationToken)).StudyFiles)
            studies.AddRange(await StudiesInAsync(root.Relative(file), StoreStamp(file), cancellationToken));
        if (storage is not null) studies.AddRange(await StudiesInAsync(PostgresId, DateTime.UtcNow, cancellationToken));
        return [.. studies.OrderByDescending(s => s.ModifiedUtc)];
    }

    /// <summary>Opens the store a study id names: <see cref="PostgresId"/> for <c>--storage</c>, else an <c>experiment.db</c> under the root.</summary>
    /// <exception cref="UiRequestException">The id is outside the root, not a study file, or missing.</exception>
    public async Task<IExperimentStore> OpenStoreAsync(string? id, CancellationToken cancellationToken)
    {
        if (id == PostgresId)
            return storage is null ? throw UiRequestException.NotFound("This ctk ui was started without --storage, so there is no PostgreSQL study to show.")
                : await ExperimentStores.OpenAsync(storage, "unused.db", cancellationToken);
        var path = root.Resolve(id, "study file");
        if (!path.EndsWith(".db", StringComparison.OrdinalIgnoreCase) || !File.Exists(path))
            throw UiRequestException.NotFound($"'{id}' is not a study file under the root: give the path of an experiment.db, as the list names it.");
        return await ExperimentStores.OpenAsync(path, path, cancellationToken);
    }

    private async Task<IReadOnlyList<StudyEntry>> StudiesInAsync(string id, DateTime stamp, CancellationToken cancellationToken)
    {
        lock (_studyCache)
            if (id != PostgresId && _studyCache.TryGetValue(id, out var cached) && cached.Stamp == stamp) return cached.Studies;
        var entries = new List<StudyEntry>();
        try
        {
            await using var store = await OpenStoreAsync(id, cancellationToken);
            if (store is SqlExperimentStore sql)
                foreach (var name in await sql.GetStudyNamesAsync(cancellationToken))
                    if (await store.FindStudyAsync(name, cancellationToken) is { } study)
                        entries.Add(Summarize(id, study, await store.GetTrialsAsync(name, cancellationToken)));
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or IOException or Microsoft.Data.Sqlite.SqliteException or Npgsql.NpgsqlException)
        {
            entries.Add(new StudyEntry(id, "", "unreadable", stamp, 0, 0, 0, null, e.Message));
        }
        lock (_studyCache) _studyCache[id] = (stamp, entries);
        return entries;
    }

    public static StudyEntry Summarize(string id, StudyRecord study, IReadOnlyList<TrialRecord> trials)
    {
        int running = trials.Count(t => t.State == TrialState.Running);
        var state = running > 0 ? study.StopRequested ? "stopping" : "running" : study.StopRequested ? "stopped" : "finished";
        var modified = trials.Select(t => t.FinishedUtc ?? t.StartedUtc).DefaultIfEmpty(study.CreatedUtc).Max();
        return new StudyEntry(id, study.Definition.Name, state, modified, trials.Count, running, trials.Count(t => t.State == TrialState.Complete),
            trials.Where(t => t.Score is not null).Select(t => t.Score).DefaultIfEmpty(null).Max(), study.Definition.Objective);
    }

    // A SQLite store changes in its -wal file before the main file.
    private static DateTime StoreStamp(string file) =>
        new[] { file, file + "-wal" }.Where(File.Exists).Select(File.GetLastWriteTimeUtc).Max();

    private async Task<(List<RunEntry> Runs, List<string> StudyFiles)> ScanAsync(CancellationToken cancellationToken)
    {
        await _scanLock.WaitAsync(cancellationToken);
        try
        {
            if (_scan is { } recent && DateTime.UtcNow - recent.At < ScanInterval) return (recent.Runs, recent.StudyFiles);
            var runs = new List<RunEntry>();
            var studyFiles = new List<string>();
            var pending = new Queue<(string Folder, int Depth)>([(root.FullPath, 0)]);
            while (pending.TryDequeue(out var next))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (RunFolders.Read(root, next.Folder) is { } run) runs.Add(run);
                var db = Path.Combine(next.Folder, ExperimentStores.DefaultFileName);
                if (File.Exists(db)) studyFiles.Add(db);
                if (next.Depth == MaxDepth) continue;
                foreach (var child in SafeSubfolders(next.Folder))
                    pending.Enqueue((child, next.Depth + 1));
            }
            runs.Sort((a, b) => b.ModifiedUtc.CompareTo(a.ModifiedUtc));
            _scan = (DateTime.UtcNow, runs, studyFiles);
            return (runs, studyFiles);
        }
        finally
        {
            _scanLock.Release();
        }
    }

    private static IEnumerable<string> SafeSubfolders(string folder)
    {
        try
        {
            return new DirectoryInfo(folder).EnumerateDirectories()
                .Where(d => d.LinkTarget is null && !d.Name.StartsWith('.') && !SkippedFolders.Contains(d.Name))
                .Select(d => d.FullName).ToList();
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            return [];
        }
    }
}
