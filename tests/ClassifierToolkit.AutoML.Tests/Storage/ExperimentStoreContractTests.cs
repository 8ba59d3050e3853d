using ClassifierToolkit.AutoML.Storage;
using ClassifierToolkit.AutoML.Trials;
using ClassifierToolkit.Training;

namespace ClassifierToolkit.AutoML.Tests.Storage;

/// <summary>
/// What every <see cref="IExperimentStore"/> must do, run once per implementation by a subclass that says how to open it.
/// Tests name their studies uniquely, so a subclass may share one storage between tests.
/// </summary>
public abstract class ExperimentStoreContractTests
{
    protected const string Worker = "host-a:101";

    /// <summary>Opens a store on this test's storage; persistent backends give a new instance over the same data on every call.</summary>
    protected abstract Task<IExperimentStore> OpenStoreAsync();

    protected static string NewStudyName() => $"study-{Guid.NewGuid():N}"[..18];

    protected static StudyDefinition Definition(string name) => new(name,
        PipelineJson: """{"version":1,"model":{"name":"cnn"},"search":{"training.learningRate":{"logUniform":[0.0001,0.1]}}}""",
        Tuner: "tpe", Pruner: """{"kind":"asha","gracePeriod":1,"reductionFactor":3}""", Seed: 42, Objective: "valAccuracy");

    protected static readonly StudyControl NoLimits = new(null, null, null, false);

    protected static ParameterSet Parameters(double learningRate) =>
        ParameterSet.Empty.With("training.learningRate", ParameterValue.Of(learningRate));

    protected static EpochMetrics Epoch(int epoch, double valAccuracy) =>
        new(epoch, TrainLoss: 1.0 / (epoch + 2), ValLoss: 0.5 / epoch, ValAccuracy: valAccuracy, Seconds: 1.25 * epoch, LearningRate: 1e-3, TrainSeconds: epoch);

    protected static async Task<StudyRecord> CreateStudyAsync(IExperimentStore store) => await store.CreateStudyAsync(Definition(NewStudyName()), NoLimits);

    protected static async Task<TrialRecord> StartAsync(IExperimentStore store, string study, ParameterSet? parameters = null, string worker = Worker) =>
        (await store.StartTrialAsync(study, worker, _ => new TrialProposal(parameters ?? Parameters(0.01))))!;

    [SkippableFact]
    public async Task CreateStudyAsync_NewName_ReturnsDefinitionAndControl()
    {
        await using var store = await OpenStoreAsync();
        var definition = Definition(NewStudyName());
        var deadline = new DateTime(2031, 2, 3, 4, 5, 6, DateTimeKind.Utc);
        var before = DateTime.UtcNow;

        var study = await store.CreateStudyAsync(definition, new StudyControl(deadline, 20, 0.93, false));

        Assert.Equal(new StudyRecord(definition, study.CreatedUtc, deadline, 20, 0.93, false), study);
        Assert.Equal(DateTimeKind.Utc, study.CreatedUtc.Kind);
        Assert.Equal(DateTimeKind.Utc, study.DeadlineUtc!.Value.Kind);
        AssertNear(before, study.CreatedUtc);
        Assert.Equal(study, await store.FindStudyAsync(definition.Name));
    }

    [SkippableFact]
    public async Task CreateStudyAsync_EqualDefinition_ReturnsTheExistingStudy()
    {
        await using var store = await OpenStoreAsync();
        var definition = Definition(NewStudyName());
        var first = await store.CreateStudyAsync(definition, new StudyControl(null, 5, null, false));

        var again = await store.CreateStudyAsync(definition with { }, new StudyControl(null, 50, 0.99, true));

        Assert.Equal(first, again);
    }

    [SkippableTheory]
    [InlineData(nameof(StudyDefinition.PipelineJson))]
    [InlineData(nameof(StudyDefinition.Tuner))]
    [InlineData(nameof(StudyDefinition.Pruner))]
    [InlineData(nameof(StudyDefinition.Seed))]
    [InlineData(nameof(StudyDefinition.Objective))]
    [InlineData(nameof(StudyDefinition.StartingPoints))]
    public async Task CreateStudyAsync_DifferentDefinition_ThrowsNamingTheField(string field)
    {
        await using var store = await OpenStoreAsync();
        var definition = Definition(NewStudyName());
        await store.CreateStudyAsync(definition, NoLimits);
        var changed = field switch
        {
            nameof(StudyDefinition.PipelineJson) => definition with { PipelineJson = definition.PipelineJson.Replace("cnn", "vit", StringComparison.Ordinal) },
            nameof(StudyDefinition.Tuner) => definition with { Tuner = "random" },
            nameof(StudyDefinition.Pruner) => definition with { Pruner = """{"kind":"median"}""" },
            nameof(StudyDefinition.Seed) => definition with { Seed = 7 },
            nameof(StudyDefinition.StartingPoints) => definition with { StartingPoints = StartingPointsJson },
            _ => definition with { Objective = "valLoss" },
        };

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => store.CreateStudyAsync(changed, NoLimits));

        Assert.Contains(definition.Name, error.Message);
        Assert.Contains(field, error.Message);
        Assert.Equal(definition, (await store.FindStudyAsync(definition.Name))!.Definition);
    }

    [SkippableFact]
    public async Task CreateStudyAsync_WithStartingPoints_StoresThemWithTheDefinition()
    {
        await using var store = await OpenStoreAsync();
        var definition = Definition(NewStudyName()) with { StartingPoints = StartingPointsJson };

        var study = await store.CreateStudyAsync(definition, NoLimits);

        Assert.Equal(definition, study.Definition);
        Assert.Equal(StartingPointsJson, (await store.FindStudyAsync(definition.Name))!.Definition.StartingPoints);
        Assert.Null((await CreateStudyAsync(store)).Definition.StartingPoints);
    }

    [SkippableFact]
    public async Task StartTrialAsync_ProposalWithASource_StoresTheSource()
    {
        await using var store = await OpenStoreAsync();
        var study = (await CreateStudyAsync(store)).Definition.Name;

        var started = await store.StartTrialAsync(study, Worker, _ => new TrialProposal(Parameters(0.004)) { Source = "portfolio: cnn-plus tuned" });
        await StartAsync(store, study);

        Assert.Equal("portfolio: cnn-plus tuned", started!.Source);
        Assert.Equal(["portfolio: cnn-plus tuned", null], (await store.GetTrialsAsync(study)).Select(t => t.Source));
    }

    [SkippableFact]
    public async Task ImportTrialsAsync_NewStudy_InsertsThemNumberedFromOneWithHistoryTimesSourceAndArtifacts()
    {
        await using var store = await OpenStoreAsync();
        var study = (await CreateStudyAsync(store)).Definition.Name;
        var started = new DateTime(2030, 1, 2, 3, 4, 5, 678, DateTimeKind.Utc);
        var trials = new[]
        {
            Imported(7, 0.91, started, "imported from study 'a' trial 7", [9, 9]),
            Imported(3, 0.85, started.AddMinutes(10), "imported from study 'a' trial 3", [3]),
        };

        var imported = await Import(store).ImportTrialsAsync(study, trials);

        var stored = await store.GetTrialsAsync(study);
        AssertTrialsEqual(imported, stored);
        Assert.Equal([1, 2], stored.Select(t => t.Number));
        Assert.Equal([0.91, 0.85], stored.Select(t => t.Score));
        Assert.Equal([Epoch(1, 0.5), Epoch(2, 0.91)], stored[0].History);
        Assert.Equal((started, TimeSpan.FromMinutes(6)), (stored[0].StartedUtc, stored[0].Duration!.Value));
        Assert.Equal("imported from study 'a' trial 3", stored[1].Source);
        Assert.Equal([9, 9], await store.LoadArtifactAsync(study, 1, "model.zip"));
        Assert.Equal([3], await store.LoadArtifactAsync(study, 2, "model.zip"));
        Assert.Equal(3, (await StartAsync(store, study)).Number);
    }

    [SkippableFact]
    public async Task ImportTrialsAsync_StudyWithTrials_ImportsNothing()
    {
        await using var store = await OpenStoreAsync();
        var study = (await CreateStudyAsync(store)).Definition.Name;
        var started = new DateTime(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        await Import(store).ImportTrialsAsync(study, [Imported(1, 0.9, started, "imported", [1])]);

        var again = await Import(store).ImportTrialsAsync(study, [Imported(2, 0.8, started, "imported", [2])]);

        Assert.Empty(again);
        Assert.Equal([0.9], (await store.GetTrialsAsync(study)).Select(t => t.Score));
    }

    [SkippableFact]
    public async Task ImportTrialsAsync_RunningTrialOrUnknownStudy_Throws()
    {
        await using var store = await OpenStoreAsync();
        var study = (await CreateStudyAsync(store)).Definition.Name;
        var running = new ImportedTrial(TestTrials.Record(4, Parameters(0.01), TrialState.Running), new Dictionary<string, byte[]>());

        var error = await Assert.ThrowsAsync<ArgumentException>(() => Import(store).ImportTrialsAsync(study, [running]));
        var unknown = await Assert.ThrowsAsync<InvalidOperationException>(() => Import(store).ImportTrialsAsync(NewStudyName(), []));

        Assert.Contains("trial 4 is running", error.Message);
        Assert.Contains("No study", unknown.Message);
        Assert.Empty(await store.GetTrialsAsync(study));
    }

    [SkippableFact]
    public async Task GetStudyNamesAsync_SeveralStudies_ListsEachInOrder()
    {
        await using var store = await OpenStoreAsync();
        string[] names = [(await CreateStudyAsync(store)).Definition.Name, (await CreateStudyAsync(store)).Definition.Name];

        var listed = await Import(store).GetStudyNamesAsync();

        Assert.Subset(listed.ToHashSet(), names.ToHashSet());
        Assert.Equal(listed.Order(StringComparer.Ordinal), listed);
    }

    protected const string StartingPointsJson = """[{"source":"portfolio: cnn-plus tuned","parameters":{"training.learningRate":0.004}}]""";

    private static IStudyImport Import(IExperimentStore store) => Assert.IsAssignableFrom<IStudyImport>(store);

    private static ImportedTrial Imported(int number, double score, DateTime started, string source, byte[] model) => new(
        new TrialRecord(number, Parameters(score / 100), TrialState.Complete, [Epoch(1, 0.5), Epoch(2, score)], score, "host-z:9", started, started.AddMinutes(6), null, null)
        { Source = source },
        new Dictionary<string, byte[]> { ["model.zip"] = model });

    [SkippableFact]
    public async Task FindStudyAsync_UnknownName_ReturnsNull()
    {
        await using var store = await OpenStoreAsync();

        Assert.Null(await store.FindStudyAsync(NewStudyName()));
    }

    [SkippableFact]
    public async Task UpdateControlAsync_ExistingStudy_ReplacesBudgetsAndStopFlag()
    {
        await using var store = await OpenStoreAsync();
        var study = await store.CreateStudyAsync(Definition(NewStudyName()), new StudyControl(null, 10, 0.9, false));
        var deadline = new DateTime(2030, 1, 1, 12, 0, 0, DateTimeKind.Utc);

        await store.UpdateControlAsync(study.Definition.Name, new StudyControl(deadline, null, null, true));
        var updated = await store.FindStudyAsync(study.Definition.Name);
        await store.UpdateControlAsync(study.Definition.Name, new StudyControl(null, 3, 0.5, false));
        var cleared = await store.FindStudyAsync(study.Definition.Name);

        Assert.Equal(study with { DeadlineUtc = deadline, MaxTrials = null, TargetScore = null, StopRequested = true }, updated);
        Assert.Equal(study with { DeadlineUtc = null, MaxTrials = 3, TargetScore = 0.5, StopRequested = false }, cleared);
    }

    [SkippableFact]
    public async Task UpdateControlAsync_UnknownStudy_ThrowsNamingIt()
    {
        await using var store = await OpenStoreAsync();
        var name = NewStudyName();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => store.UpdateControlAsync(name, NoLimits));

        Assert.Contains(name, error.Message);
    }

    [SkippableFact]
    public async Task StartTrialAsync_OneAfterAnother_NumbersFromOneAndProposeSeesEveryTrialIncludingRunningOnes()
    {
        await using var store = await OpenStoreAsync();
        var study = (await CreateStudyAsync(store)).Definition.Name;
        var seen = new List<int[]>();
        var started = new List<TrialRecord>();
        var before = DateTime.UtcNow;

        for (var i = 0; i < 3; i++)
        {
            started.Add((await store.StartTrialAsync(study, Worker, trials =>
            {
                seen.Add(trials.Select(t => t.Number).ToArray());
                return new TrialProposal(Parameters(0.1 * (i + 1)));
            }))!);
            if (i == 0) await store.FinishTrialAsync(study, 1, new TrialOutcome(TrialState.Complete, 0.8));
        }

        Assert.Equal([1, 2, 3], started.Select(t => t.Number));
        Assert.Equal(new int[][] { [], [1], [1, 2] }, seen);
        var third = started[2];
        Assert.Equal((TrialState.Running, Worker, 0.30000000000000004), (third.State, third.Worker, third.Parameters["training.learningRate"].Number));
        Assert.Empty(third.History);
        Assert.Null(third.FinishedUtc);
        Assert.Null(third.RetryOf);
        Assert.Equal(DateTimeKind.Utc, third.StartedUtc.Kind);
        AssertNear(before, third.StartedUtc);
        AssertTrialsEqual([started[0], started[1], third], await store.GetTrialsAsync(study), ignoreFinish: true);
    }

    [SkippableFact]
    public async Task StartTrialAsync_ProposeReturnsNull_InsertsNothing()
    {
        await using var store = await OpenStoreAsync();
        var study = (await CreateStudyAsync(store)).Definition.Name;

        var trial = await store.StartTrialAsync(study, Worker, _ => null);

        Assert.Null(trial);
        Assert.Empty(await store.GetTrialsAsync(study));
        Assert.Equal(1, (await StartAsync(store, study)).Number);
    }

    [SkippableFact]
    public async Task StartTrialAsync_ProposeThrows_RethrowsInsertsNothingAndReleasesTheLock()
    {
        await using var store = await OpenStoreAsync();
        var study = (await CreateStudyAsync(store)).Definition.Name;

        await Assert.ThrowsAsync<FormatException>(() => store.StartTrialAsync(study, Worker, _ => throw new FormatException("tuner failed")));

        Assert.Empty(await store.GetTrialsAsync(study));
        Assert.Equal(1, (await StartAsync(store, study)).Number);
    }

    [SkippableFact]
    public async Task StartTrialAsync_RetryOfALostTrial_StoresRetryOf()
    {
        await using var store = await OpenStoreAsync();
        var study = (await CreateStudyAsync(store)).Definition.Name;
        var lost = await StartAsync(store, study, Parameters(0.02));

        var retry = await store.StartTrialAsync(study, "host-b:202", _ => new TrialProposal(lost.Parameters, RetryOf: lost.Number));

        Assert.Equal((2, 1, "host-b:202"), (retry!.Number, retry.RetryOf, retry.Worker));
        var stored = (await store.GetTrialsAsync(study))[1];
        Assert.Equal((1, lost.Parameters, "host-b:202"), (stored.RetryOf, stored.Parameters, stored.Worker));
    }

    [SkippableFact]
    public async Task StartTrialAsync_UnknownStudy_ThrowsNamingIt()
    {
        await using var store = await OpenStoreAsync();
        var name = NewStudyName();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => store.StartTrialAsync(name, Worker, _ => new TrialProposal(ParameterSet.Empty)));

        Assert.Contains(name, error.Message);
    }

    [SkippableFact]
    public async Task StartTrialAsync_TwoStudies_NumberEachFromOne()
    {
        await using var store = await OpenStoreAsync();
        var first = (await CreateStudyAsync(store)).Definition.Name;
        var second = (await CreateStudyAsync(store)).Definition.Name;

        await StartAsync(store, first);
        await StartAsync(store, first);
        var other = await store.StartTrialAsync(second, Worker, trials => new TrialProposal(Parameters(trials.Count)));

        Assert.Equal(1, other!.Number);
        Assert.Equal(0, other.Parameters["training.learningRate"].Number);
        Assert.Equal(2, (await store.GetTrialsAsync(first)).Count);
    }

    [SkippableFact]
    public async Task StartTrialAsync_ConcurrentCalls_GetConsecutiveNumbersAndEachSeesAllEarlierTrials()
    {
        await using var store = await OpenStoreAsync();
        var study = (await CreateStudyAsync(store)).Definition.Name;

        var started = await StartConcurrentlyAsync([store], study, callsPerStore: 8);

        AssertEachSawAllEarlierTrials(started, await store.GetTrialsAsync(study), expectedCount: 8);
    }

    [SkippableFact]
    public async Task ReportEpochAsync_RunningTrial_AppendsInOrderAndRoundTripsExactly()
    {
        await using var store = await OpenStoreAsync();
        var study = (await CreateStudyAsync(store)).Definition.Name;
        var trial = await StartAsync(store, study);
        EpochMetrics[] epochs =
        [
            new(1, TrainLoss: 2.302585092994046, ValLoss: 0.1 + 0.2, ValAccuracy: 1.0 / 3, Seconds: 12.345678901234567, LearningRate: 3e-4, TrainSeconds: 9.87654321),
            new(2, TrainLoss: double.NaN, ValLoss: null, ValAccuracy: null, Seconds: 1e-300, LearningRate: double.Epsilon),
            new(3, TrainLoss: double.PositiveInfinity, ValLoss: 5e-324, ValAccuracy: 0.9999999999999999, Seconds: 0, LearningRate: 1.7976931348623157e308),
        ];

        foreach (var epoch in epochs) Assert.True(await store.ReportEpochAsync(study, trial.Number, epoch));

        Assert.Equal(epochs, (await store.GetTrialsAsync(study))[0].History);
    }

    [SkippableFact]
    public async Task ReportEpochAsync_SameEpochAgain_ReplacesIt()
    {
        await using var store = await OpenStoreAsync();
        var study = (await CreateStudyAsync(store)).Definition.Name;
        var trial = await StartAsync(store, study);

        await store.ReportEpochAsync(study, trial.Number, Epoch(1, 0.5));
        await store.ReportEpochAsync(study, trial.Number, Epoch(2, 0.6));
        await store.ReportEpochAsync(study, trial.Number, Epoch(2, 0.7));

        Assert.Equal([Epoch(1, 0.5), Epoch(2, 0.7)], (await store.GetTrialsAsync(study))[0].History);
    }

    [SkippableFact]
    public async Task ReportEpochAsync_TrialNotRunning_ReturnsFalseAndWritesNothing()
    {
        await using var store = await OpenStoreAsync();
        var study = (await CreateStudyAsync(store)).Definition.Name;
        var trial = await StartAsync(store, study);
        await store.ReportEpochAsync(study, trial.Number, Epoch(1, 0.5));
        await store.FinishTrialAsync(study, trial.Number, new TrialOutcome(TrialState.Pruned, 0.5));

        Assert.False(await store.ReportEpochAsync(study, trial.Number, Epoch(2, 0.6)));
        Assert.False(await store.ReportEpochAsync(study, 99, Epoch(1, 0.6)));
        Assert.False(await store.ReportEpochAsync(NewStudyName(), 1, Epoch(1, 0.6)));

        Assert.Equal([Epoch(1, 0.5)], (await store.GetTrialsAsync(study))[0].History);
    }

    [SkippableFact]
    public async Task ReportEpochAndHeartbeat_RunningTrials_RefreshTheHeartbeatSoTheyAreNotLost()
    {
        await using var store = await OpenStoreAsync();
        var study = (await CreateStudyAsync(store)).Definition.Name;
        for (var i = 0; i < 3; i++) await StartAsync(store, study);
        // Trial 3 is 2 s stale; trials 1 and 2 are fresh for as long as the next three calls take, which on a loaded
        // 2-core CI machine (the other test assembly training beside this one) once exceeded 0.5 s: hence 1 s.
        await Task.Delay(TimeSpan.FromSeconds(2));

        Assert.True(await store.ReportEpochAsync(study, 1, Epoch(1, 0.5)));
        Assert.True(await store.HeartbeatAsync(study, 2));
        var lost = await store.MarkLostTrialsAsync(study, TimeSpan.FromSeconds(1));

        Assert.Equal([3], lost);
    }

    [SkippableFact]
    public async Task HeartbeatAsync_TrialNotRunning_ReturnsFalse()
    {
        await using var store = await OpenStoreAsync();
        var study = (await CreateStudyAsync(store)).Definition.Name;
        var trial = await StartAsync(store, study);
        await store.FinishTrialAsync(study, trial.Number, new TrialOutcome(TrialState.Cancelled, null, "deadline"));

        Assert.False(await store.HeartbeatAsync(study, trial.Number));
        Assert.False(await store.HeartbeatAsync(study, 42));
    }

    [SkippableTheory]
    [InlineData(TrialState.Complete, 0.9123456789012345, null)]
    [InlineData(TrialState.Pruned, 0.25, null)]
    [InlineData(TrialState.Failed, null, "diverged: loss is NaN at epoch 3")]
    [InlineData(TrialState.Cancelled, null, "stopped by the user")]
    public async Task FinishTrialAsync_RunningTrial_SetsStateScoreReasonAndFinishedTime(TrialState state, double? score, string? reason)
    {
        await using var store = await OpenStoreAsync();
        var study = (await CreateStudyAsync(store)).Definition.Name;
        var trial = await StartAsync(store, study);

        Assert.True(await store.FinishTrialAsync(study, trial.Number, new TrialOutcome(state, score, reason)));

        var finished = (await store.GetTrialsAsync(study))[0];
        Assert.Equal((state, score, reason), (finished.State, finished.Score, finished.FailureReason));
        Assert.Equal(DateTimeKind.Utc, finished.FinishedUtc!.Value.Kind);
        Assert.InRange(finished.Duration!.Value, TimeSpan.Zero, TimeSpan.FromMinutes(1));
        Assert.True(finished.IsFinished);
    }

    [SkippableFact]
    public async Task FinishTrialAsync_TrialNoLongerRunning_ReturnsFalseAndKeepsTheFirstOutcome()
    {
        await using var store = await OpenStoreAsync();
        var study = (await CreateStudyAsync(store)).Definition.Name;
        var trial = await StartAsync(store, study);
        await store.FinishTrialAsync(study, trial.Number, new TrialOutcome(TrialState.Complete, 0.9));

        Assert.False(await store.FinishTrialAsync(study, trial.Number, new TrialOutcome(TrialState.Failed, null, "late")));
        Assert.False(await store.FinishTrialAsync(study, 7, new TrialOutcome(TrialState.Complete, 0.1)));

        var stored = (await store.GetTrialsAsync(study))[0];
        Assert.Equal((TrialState.Complete, 0.9, (string?)null), (stored.State, stored.Score, stored.FailureReason));
    }

    [SkippableFact]
    public async Task FinishTrialAsync_RunningOutcome_ThrowsArgumentException()
    {
        await using var store = await OpenStoreAsync();
        var study = (await CreateStudyAsync(store)).Definition.Name;
        var trial = await StartAsync(store, study);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => store.FinishTrialAsync(study, trial.Number, new TrialOutcome(TrialState.Running, null)));

        Assert.Equal("outcome", error.ParamName);
        Assert.Equal(TrialState.Running, (await store.GetTrialsAsync(study))[0].State);
    }

    [SkippableFact]
    public async Task MarkLostTrialsAsync_TinyTimeout_MarksOnlyStaleRunningTrialsAsWorkerLost()
    {
        await using var store = await OpenStoreAsync();
        var study = (await CreateStudyAsync(store)).Definition.Name;
        var complete = await StartAsync(store, study);
        await StartAsync(store, study);
        await StartAsync(store, study);
        await store.FinishTrialAsync(study, complete.Number, new TrialOutcome(TrialState.Complete, 0.8));
        await Task.Delay(TimeSpan.FromMilliseconds(50));

        Assert.Empty(await store.MarkLostTrialsAsync(study, TimeSpan.FromHours(1)));
        var lost = await store.MarkLostTrialsAsync(study, TimeSpan.FromMilliseconds(10));

        Assert.Equal([2, 3], lost);
        var trials = await store.GetTrialsAsync(study);
        Assert.Equal((TrialState.Complete, 0.8, (string?)null), (trials[0].State, trials[0].Score, trials[0].FailureReason));
        Assert.All(trials.Skip(1), t => Assert.Equal((TrialState.Lost, (double?)null, "worker lost"), (t.State, t.Score, t.FailureReason)));
        Assert.All(trials.Skip(1), t => Assert.NotNull(t.FinishedUtc));
        Assert.Empty(await store.MarkLostTrialsAsync(study, TimeSpan.Zero));
        Assert.False(await store.FinishTrialAsync(study, 2, new TrialOutcome(TrialState.Complete, 0.95)));
        Assert.False(await store.ReportEpochAsync(study, 3, Epoch(1, 0.9)));
        Assert.Equal(TrialState.Lost, (await store.GetTrialsAsync(study))[1].State);
    }

    [SkippableFact]
    public async Task MarkLostTrialsAsync_NegativeTimeout_ThrowsArgumentOutOfRange()
    {
        await using var store = await OpenStoreAsync();
        var study = (await CreateStudyAsync(store)).Definition.Name;

        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.MarkLostTrialsAsync(study, TimeSpan.FromSeconds(-1)));

        Assert.Equal("heartbeatTimeout", error.ParamName);
    }

    [SkippableFact]
    public async Task MarkLostTrialsAsync_UnknownStudy_ThrowsNamingIt()
    {
        await using var store = await OpenStoreAsync();
        var name = NewStudyName();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => store.MarkLostTrialsAsync(name, TimeSpan.FromMinutes(1)));

        Assert.Contains(name, error.Message);
    }

    [SkippableFact]
    public async Task GetTrialsAsync_SeveralTrials_ReturnsThemByNumberWithParametersAndMetricsIntact()
    {
        await using var store = await OpenStoreAsync();
        var study = (await CreateStudyAsync(store)).Definition.Name;
        var parameters = new ParameterSet([
            KeyValuePair.Create("training.learningRate", ParameterValue.Of(0.1 + 0.2)),
            KeyValuePair.Create("training.weightDecay", ParameterValue.Of(1e-300)),
            KeyValuePair.Create("training.batchSize", ParameterValue.Of(64)),
            KeyValuePair.Create("model.name", ParameterValue.Of("vit_small_patch16_224 \"quoted\" ünïcode")),
            KeyValuePair.Create("training.augmentation.horizontalFlip", ParameterValue.Of(true))]);
        var first = await StartAsync(store, study, parameters);
        var second = await StartAsync(store, study, ParameterSet.Empty);
        await store.ReportEpochAsync(study, second.Number, Epoch(1, 0.4));
        await store.ReportEpochAsync(study, first.Number, Epoch(1, 0.5));
        await store.ReportEpochAsync(study, first.Number, Epoch(2, 0.6));
        await store.FinishTrialAsync(study, first.Number, new TrialOutcome(TrialState.Complete, 0.6));

        var trials = await store.GetTrialsAsync(study);

        Assert.Equal([1, 2], trials.Select(t => t.Number));
        Assert.Equal(parameters, trials[0].Parameters);
        Assert.Equal(0.30000000000000004, trials[0].Parameters["training.learningRate"].Number);
        Assert.Equal(ParameterSet.Empty, trials[1].Parameters);
        Assert.Equal([Epoch(1, 0.5), Epoch(2, 0.6)], trials[0].History);
        Assert.Equal([Epoch(1, 0.4)], trials[1].History);
        Assert.Empty(await store.GetTrialsAsync(NewStudyName()));
    }

    [SkippableFact]
    public async Task SaveArtifactAsync_SavedThenReplaced_LoadReturnsTheLatestBytes()
    {
        await using var store = await OpenStoreAsync();
        var study = (await CreateStudyAsync(store)).Definition.Name;
        var trial = await StartAsync(store, study);
        var model = new byte[300_000];
        new Random(5).NextBytes(model);

        await store.SaveArtifactAsync(study, trial.Number, "model.zip", new byte[] { 1, 2, 3 });
        await store.SaveArtifactAsync(study, trial.Number, "pipeline.json", "{}"u8.ToArray());
        await store.SaveArtifactAsync(study, trial.Number, "model.zip", model);

        Assert.Equal(model, await store.LoadArtifactAsync(study, trial.Number, "model.zip"));
        Assert.Equal("{}"u8.ToArray(), await store.LoadArtifactAsync(study, trial.Number, "pipeline.json"));
        Assert.Null(await store.LoadArtifactAsync(study, trial.Number, "missing.bin"));
        Assert.Null(await store.LoadArtifactAsync(study, 2, "model.zip"));
        Assert.Null(await store.LoadArtifactAsync(NewStudyName(), 1, "model.zip"));
    }

    [SkippableFact]
    public async Task SaveArtifactAsync_EmptyContent_LoadsAsEmptyNotNull()
    {
        await using var store = await OpenStoreAsync();
        var study = (await CreateStudyAsync(store)).Definition.Name;
        var trial = await StartAsync(store, study);

        await store.SaveArtifactAsync(study, trial.Number, "empty.txt", ReadOnlyMemory<byte>.Empty);

        Assert.Equal(Array.Empty<byte>(), await store.LoadArtifactAsync(study, trial.Number, "empty.txt"));
    }

    [SkippableFact]
    public async Task SaveArtifactAsync_UnknownTrial_ThrowsNamingStudyAndTrial()
    {
        await using var store = await OpenStoreAsync();
        var study = (await CreateStudyAsync(store)).Definition.Name;

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => store.SaveArtifactAsync(study, 3, "model.zip", new byte[] { 1 }));

        Assert.Contains(study, error.Message);
        Assert.Contains("trial 3", error.Message);
    }

    /// <summary>Calls StartTrialAsync from <paramref name="callsPerStore"/> concurrent tasks per store; each proposer records how many
    /// trials it saw and lingers a little, to widen the window a missing lock would leave open.</summary>
    protected static async Task<IReadOnlyList<TrialRecord>> StartConcurrentlyAsync(IReadOnlyList<IExperimentStore> stores, string study, int callsPerStore)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var calls = stores.SelectMany((store, index) => Enumerable.Range(0, callsPerStore).Select(_ => Task.Run(async () =>
        {
            await gate.Task;
            return (await store.StartTrialAsync(study, $"worker-{index}", trials =>
            {
                Thread.Sleep(3);
                return new TrialProposal(ParameterSet.Empty
                    .With("seen", ParameterValue.Of(trials.Count))
                    .With("highest", ParameterValue.Of(trials.Count == 0 ? 0 : trials.Max(t => t.Number))));
            }))!;
        }))).ToList();
        gate.SetResult();
        return await Task.WhenAll(calls);
    }

    protected static void AssertEachSawAllEarlierTrials(IReadOnlyList<TrialRecord> started, IReadOnlyList<TrialRecord> stored, int expectedCount)
    {
        Assert.Equal(Enumerable.Range(1, expectedCount), started.Select(t => t.Number).Order());
        Assert.Equal(Enumerable.Range(1, expectedCount), stored.Select(t => t.Number));
        Assert.All(stored, t => Assert.Equal((t.Number - 1.0, t.Number - 1.0), (t.Parameters["seen"].Number, t.Parameters["highest"].Number)));
    }

    protected static void AssertTrialsEqual(IReadOnlyList<TrialRecord> expected, IReadOnlyList<TrialRecord> actual, bool ignoreFinish = false)
    {
        Assert.Equal(expected.Count, actual.Count);
        foreach (var (e, a) in expected.Zip(actual))
        {
            Assert.Equal(e.History, a.History);
            Assert.Equal(ignoreFinish ? e with { History = a.History, State = a.State, Score = a.Score, FinishedUtc = a.FinishedUtc } : e with { History = a.History }, a);
        }
    }

    private static void AssertNear(DateTime expected, DateTime actual) => Assert.InRange(actual, expected.AddSeconds(-30), expected.AddSeconds(30));
}
