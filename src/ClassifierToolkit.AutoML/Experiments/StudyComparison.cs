using System.Globalization;
using System.Text;
using ClassifierToolkit.AutoML.Storage;
using ClassifierToolkit.AutoML.Trials;
using ClassifierToolkit.IO;

namespace ClassifierToolkit.AutoML.Experiments;

/// <summary>
/// Studies side by side, e.g. CFO, TPE and random run under the same budget and seed: one best-so-far PNG with a line per
/// study, and a Markdown table of what each achieved and when.
/// </summary>
internal static class StudyComparison
{
    /// <summary>One study's figures.</summary>
    /// <param name="Label">The legend entry: the tuner, with the storage when two studies share a tuner.</param>
    /// <param name="Storage">Where the study was read from.</param>
    /// <param name="Tuner">The study's tuner.</param>
    /// <param name="Trials">Its trials, by number.</param>
    /// <param name="StartUtc">When the study was created (the time axis' zero).</param>
    public sealed record Study(string Label, string Storage, string Tuner, IReadOnlyList<TrialRecord> Trials, DateTime StartUtc)
    {
        /// <summary>The highest validation accuracy any trial reached, or null.</summary>
        public double? BestValAccuracy => Trials.Select(t => t.BestValAccuracy()).Max();

        /// <summary>Minutes from the start until the trial holding <see cref="BestValAccuracy"/> finished, or null.</summary>
        public double? MinutesToBest => Trials.Where(t => t.IsFinished && t.BestValAccuracy() == BestValAccuracy && BestValAccuracy is not null)
            .Select(t => t.FinishedMinutes(StartUtc)).Min();

        /// <summary>Trials in <paramref name="state"/>.</summary>
        public int Count(TrialState state) => Trials.Count(t => t.State == state);
    }

    /// <summary>Reads study <paramref name="studyName"/> from each storage: an automl output folder (its <c>experiment.db</c>),
    /// a SQLite file, or a PostgreSQL connection string.</summary>
    /// <exception cref="FileNotFoundException">A folder or file holds no experiment database.</exception>
    /// <exception cref="InvalidOperationException">A storage has no study of that name.</exception>
    public static async Task<IReadOnlyList<Study>> ReadAsync(IReadOnlyList<string> storages, string studyName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(storages);
        ArgumentException.ThrowIfNullOrWhiteSpace(studyName);
        if (storages.Count == 0) throw new ArgumentException("Give at least one study's storage to compare.", nameof(storages));
        var studies = new List<Study>();
        foreach (var storage in storages)
        {
            var target = Directory.Exists(storage) ? Path.Combine(storage, ExperimentStores.DefaultFileName) : storage;
            // Opening a SQLite path that does not exist would create an empty database and then report "no study".
            if (!PostgresConnectionString.IsPostgres(target) && !File.Exists(target))
                throw new FileNotFoundException($"'{storage}' holds no experiment database: give an automl output folder, its {ExperimentStores.DefaultFileName}, or a PostgreSQL connection string.", target);
            await using var store = await ExperimentStores.OpenAsync(target, target, cancellationToken);
            var study = await store.FindStudyAsync(studyName, cancellationToken)
                ?? throw new InvalidOperationException($"'{storage}' has no study named '{studyName}'; pass the name the search used with --study.");
            var trials = await store.GetTrialsAsync(studyName, cancellationToken);
            studies.Add(new Study(study.Definition.Tuner, storage, study.Definition.Tuner, trials, study.CreatedUtc));
        }
        return [.. studies.Select(s => studies.Count(o => o.Tuner == s.Tuner) > 1 ? s with { Label = $"{s.Tuner} ({s.Storage})" } : s)];
    }

    /// <summary>Writes the best-so-far lines of <paramref name="studies"/> to <paramref name="pngPath"/> and, next to it, the
    /// table (<see cref="Table"/>) as a <c>.md</c> file of the same name.</summary>
    public static void Write(IReadOnlyList<Study> studies, string pngPath)
    {
        ArgumentNullException.ThrowIfNull(studies);
        ExperimentReport.WriteBestSoFar(pngPath, [.. studies.Select(s => new ExperimentReport.Curve(s.Label, s.Trials, s.StartUtc))]);
        AtomicFile.WriteAllText(Path.ChangeExtension(pngPath, ".md"), Table(studies));
    }

    /// <summary>A Markdown table: per study, its trials by state, the best validation accuracy and when it was reached.</summary>
    public static string Table(IReadOnlyList<Study> studies)
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder()
            .AppendLine("| study | trials | complete | pruned | failed or lost | cancelled | best val accuracy | reached after (min) | last trial ended (min) |")
            .AppendLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var s in studies)
        {
            var last = s.Trials.Where(t => t.IsFinished).Select(t => t.FinishedMinutes(s.StartUtc)).Max();
            text.AppendLine(c, $"| {s.Label} | {s.Trials.Count} | {s.Count(TrialState.Complete)} | {s.Count(TrialState.Pruned)} | {s.Count(TrialState.Failed) + s.Count(TrialState.Lost)} | " +
                $"{s.Count(TrialState.Cancelled)} | {s.BestValAccuracy?.ToString("F4", c) ?? "–"} | {s.MinutesToBest?.ToString("F1", c) ?? "–"} | {last?.ToString("F1", c) ?? "–"} |");
        }
        return text.ToString();
    }
}
