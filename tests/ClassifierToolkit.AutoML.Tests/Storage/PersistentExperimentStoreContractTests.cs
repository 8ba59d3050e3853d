using ClassifierToolkit.AutoML.Storage;
using ClassifierToolkit.AutoML.Trials;

namespace ClassifierToolkit.AutoML.Tests.Storage;

/// <summary>
/// The contract for stores that outlive their instance (a file, a server): a new instance sees everything, and separate instances
/// (separate connections, as separate processes would have) still start trials one at a time.
/// </summary>
public abstract class PersistentExperimentStoreContractTests : ExperimentStoreContractTests
{
    /// <summary>Runs <paramref name="sql"/> on this test's storage beside the store, as an older ClassifierToolkit would have written it.</summary>
    protected abstract Task ExecuteSqlAsync(string sql);

    [SkippableFact]
    public async Task OpenStore_SchemaVersion1_MigratesKeepingStudiesAndTrials()
    {
        var definition = Definition(NewStudyName());
        await using (var first = await OpenStoreAsync())
        {
            await first.CreateStudyAsync(definition, NoLimits);
            await StartAsync(first, definition.Name, Parameters(0.003));
        }
        // What version 1 wrote: no starting points, no trial source.
        await ExecuteSqlAsync("ALTER TABLE studies DROP COLUMN starting_points; ALTER TABLE trials DROP COLUMN source; UPDATE schema_version SET version = 1");

        await using var migrated = await OpenStoreAsync();

        Assert.Equal(definition, (await migrated.FindStudyAsync(definition.Name))!.Definition);
        Assert.Equal(Parameters(0.003), Assert.Single(await migrated.GetTrialsAsync(definition.Name)).Parameters);
        var seeded = Definition(NewStudyName()) with { StartingPoints = StartingPointsJson };
        Assert.Equal(seeded, (await migrated.CreateStudyAsync(seeded, NoLimits)).Definition);
        var started = await migrated.StartTrialAsync(seeded.Name, Worker, _ => new TrialProposal(Parameters(0.004)) { Source = "portfolio: x" });
        AssertTrialsEqual([started!], await migrated.GetTrialsAsync(seeded.Name));
        Assert.Equal("portfolio: x", started!.Source);
    }

    [SkippableFact]
    public async Task OpenStore_AfterTheFirstInstanceIsDisposed_SeesStudiesTrialsEpochsAndArtifacts()
    {
        var definition = Definition(NewStudyName());
        var control = new StudyControl(new DateTime(2032, 6, 7, 8, 9, 10, DateTimeKind.Utc), 12, 0.95, true);
        StudyRecord study;
        IReadOnlyList<TrialRecord> written;
        await using (var first = await OpenStoreAsync())
        {
            await first.CreateStudyAsync(definition, NoLimits);
            await first.UpdateControlAsync(definition.Name, control);
            var complete = await StartAsync(first, definition.Name, Parameters(0.003));
            await first.ReportEpochAsync(definition.Name, complete.Number, Epoch(1, 0.81));
            await first.ReportEpochAsync(definition.Name, complete.Number, Epoch(2, 0.87));
            await first.FinishTrialAsync(definition.Name, complete.Number, new TrialOutcome(TrialState.Complete, 0.87));
            await first.SaveArtifactAsync(definition.Name, complete.Number, "model.zip", new byte[] { 9, 8, 7 });
            var running = await StartAsync(first, definition.Name, Parameters(0.3), worker: "host-b:7");
            await first.ReportEpochAsync(definition.Name, running.Number, Epoch(1, 0.12));
            study = (await first.FindStudyAsync(definition.Name))!;
            written = await first.GetTrialsAsync(definition.Name);
        }

        await using var reopened = await OpenStoreAsync();

        Assert.Equal(study, await reopened.FindStudyAsync(definition.Name));
        Assert.Equal(control, new StudyControl(study.DeadlineUtc, study.MaxTrials, study.TargetScore, study.StopRequested));
        AssertTrialsEqual(written, await reopened.GetTrialsAsync(definition.Name));
        Assert.Equal([9, 8, 7], await reopened.LoadArtifactAsync(definition.Name, 1, "model.zip"));
        Assert.Equal(3, (await StartAsync(reopened, definition.Name)).Number);
        Assert.Equal(study, await reopened.CreateStudyAsync(definition, NoLimits));
    }

    [SkippableFact]
    public async Task StartTrialAsync_ConcurrentCallsThroughTwoInstances_GetConsecutiveNumbersAndEachSeesAllEarlierTrials()
    {
        await using var first = await OpenStoreAsync();
        await using var second = await OpenStoreAsync();
        var study = (await CreateStudyAsync(first)).Definition.Name;

        var started = await StartConcurrentlyAsync([first, second], study, callsPerStore: 6);

        var stored = await second.GetTrialsAsync(study);
        AssertEachSawAllEarlierTrials(started, stored, expectedCount: 12);
        Assert.Equal(["worker-0", "worker-1"], stored.Select(t => t.Worker).Distinct().Order());
    }

    [SkippableFact]
    public async Task FinishTrialAsync_TrialMarkedLostByAnotherInstance_ReturnsFalse()
    {
        await using var worker = await OpenStoreAsync();
        await using var sweeper = await OpenStoreAsync();
        var study = (await CreateStudyAsync(worker)).Definition.Name;
        var trial = await StartAsync(worker, study);
        await Task.Delay(TimeSpan.FromMilliseconds(50));

        Assert.Equal([trial.Number], await sweeper.MarkLostTrialsAsync(study, TimeSpan.FromMilliseconds(10)));

        Assert.False(await worker.ReportEpochAsync(study, trial.Number, Epoch(1, 0.5)));
        Assert.False(await worker.FinishTrialAsync(study, trial.Number, new TrialOutcome(TrialState.Complete, 0.9)));
        Assert.Equal("worker lost", (await worker.GetTrialsAsync(study))[0].FailureReason);
    }
}
