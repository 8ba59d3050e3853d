using ClassifierToolkit.AutoML.Experiments;
using ClassifierToolkit.AutoML.Storage;
using ClassifierToolkit.AutoML.Tests.Support;
using ClassifierToolkit.AutoML.Trials;
using ClassifierToolkit.Pipelines;

namespace ClassifierToolkit.AutoML.Tests.Experiments;

public class ImageSearchExperimentTests
{
    private const string Search = """
        {
          "version": 1, "name": "synthetic",
          "training": { "epochs": 4, "learningRate": 0.001 },
          "search": { "training.learningRate": { "logUniform": [0.0001, 0.1] } }
        }
        """;

    private static ExperimentOptions Options(TemporaryFolder folder, string tuner = "random", string pruner = "none", int? maxTrials = 6, bool resume = false,
        TimeSpan? budget = null, string search = Search, bool refit = false)
    {
        var file = folder.File("search.json");
        if (!File.Exists(file)) File.WriteAllText(file, search);
        return new ExperimentOptions { SearchFile = file, OutputFolder = folder.File("out"), Tuner = tuner, Pruner = pruner, MaxTrials = maxTrials, Resume = resume, TimeBudget = budget, Refit = refit };
    }

    private static async Task<IReadOnlyList<TrialRecord>> TrialsAsync(TemporaryFolder folder)
    {
        await using var store = await ExperimentStores.OpenAsync(null, Path.Combine(folder.File("out"), ExperimentStores.DefaultFileName));
        return await store.GetTrialsAsync("synthetic");
    }

    [Fact]
    public async Task RunAsync_TrialBudget_RunsThatManyAndExportsTheBestOnce()
    {
        using var folder = new TemporaryFolder();
        var trainer = new SyntheticTrainer();
        var result = await new ImageSearchExperiment(Options(folder)).RunAsync(trainer);

        Assert.Equal(6, result.Trials.Count);
        Assert.All(result.Trials, t => Assert.Equal(TrialState.Complete, t.State));
        var best = result.Trials.MaxBy(t => t.Score)!;
        Assert.Equal(best.Number, result.Best!.Number);
        Assert.Equal(1, trainer.Evaluated);
        Assert.Equal($"model lr={result.BestPipeline!.Training.LearningRate}", File.ReadAllText(result.BestModelPath!));
        foreach (var file in new[] { "best.zip", "best-pipeline.json", "best-trial.json", "leaderboard.csv", "leaderboard.md", "best_so_far.png", "parameters.png", "experiment.db" })
            Assert.True(File.Exists(Path.Combine(folder.File("out"), file)), $"{file} is missing");
    }

    [Fact]
    public async Task RunAsync_FailingTrial_IsRecordedWithItsReasonAndTheSearchGoesOn()
    {
        using var folder = new TemporaryFolder();
        var search = Search.Replace("""{ "logUniform": [0.0001, 0.1] }""", """{ "choice": [0.001, 0.002, 0.003] }""");
        var result = await new ImageSearchExperiment(Options(folder, tuner: "grid", maxTrials: null, search: search)).RunAsync(new SyntheticTrainer { FailAtLearningRate = 0.002 });

        Assert.Equal(3, result.Trials.Count);
        var failed = Assert.Single(result.Trials, t => t.State == TrialState.Failed);
        Assert.Equal("synthetic failure", failed.FailureReason);
        Assert.Equal(0.003, result.BestPipeline!.Training.LearningRate);
    }

    [Fact]
    public async Task RunAsync_RefusedCombination_FailsThatTrialBeforeTraining()
    {
        using var folder = new TemporaryFolder();
        // momentum 0.5 is fine alone; with sgd unselected, nesterov=true is refused by the loader for that combination only.
        var search = """
            { "version": 1, "name": "synthetic", "training": { "epochs": 2, "optimizer": "sgd", "momentum": 0.9 },
              "search": { "training.nesterov": { "choice": [false, true] }, "training.momentum": { "choice": [0.9, 0.0] } } }
            """;
        var trainer = new SyntheticTrainer();
        var result = await new ImageSearchExperiment(Options(folder, tuner: "grid", maxTrials: null, search: search)).RunAsync(trainer);

        var refused = Assert.Single(result.Trials, t => t.State == TrialState.Failed);
        Assert.Contains("$.training.nesterov", refused.FailureReason);
        Assert.Equal(3, trainer.Trained);
    }

    [Fact]
    public async Task RunAsync_UnknownSearchPath_NamesTheParameterBeforeAnyTrial()
    {
        using var folder = new TemporaryFolder();
        var search = Search.Replace("training.learningRate", "training.learnRate");
        var trainer = new SyntheticTrainer();
        var error = await Assert.ThrowsAsync<PipelineSpecException>(() => new ImageSearchExperiment(Options(folder, search: search)).RunAsync(trainer));
        Assert.Contains("$.search['training.learnRate']", error.Message);
        Assert.Contains("unknown key 'learnRate'", error.Message);
        Assert.Equal(0, trainer.Trained);
    }

    [Fact]
    public async Task RunAsync_AshaPruner_StopsWeakTrialsAtARungAndRecordsTheEpochReached()
    {
        using var folder = new TemporaryFolder();
        var result = await new ImageSearchExperiment(Options(folder, pruner: "asha", maxTrials: 12)).RunAsync(new SyntheticTrainer());

        var pruned = result.Trials.Where(t => t.State == TrialState.Pruned).ToList();
        Assert.NotEmpty(pruned);
        Assert.All(pruned, t => Assert.True(t.History.Count < 4));
        Assert.Contains(result.Trials, t => t.State == TrialState.Complete);
        // A pruned trial that trained a quarter of its 4 epochs keeps its model for the selection after the search.
        await using var store = await ExperimentStores.OpenAsync(null, Path.Combine(folder.File("out"), ExperimentStores.DefaultFileName));
        foreach (var trial in pruned)
            Assert.NotNull(await store.LoadArtifactAsync("synthetic", trial.Number, TrialRunner.ModelArtifact));
    }

    [Theory]
    [InlineData(TrialState.Complete, 1, 12, true)]
    [InlineData(TrialState.Pruned, 3, 12, true)]
    [InlineData(TrialState.Pruned, 2, 12, false)]
    [InlineData(TrialState.Failed, 12, 12, false)]
    [InlineData(TrialState.Cancelled, 11, 12, false)]
    public void KeepsModel_CompleteOrPrunedAfterAQuarterOfItsEpochs(TrialState state, int epochsRun, int epochsPlanned, bool kept) =>
        Assert.Equal(kept, TrialRunner.KeepsModel(state, epochsRun, epochsPlanned));

    [Fact]
    public async Task RunAsync_TimeBudget_CancelsTheRunningTrialAndReturnsPromptly()
    {
        using var folder = new TemporaryFolder();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var result = await new ImageSearchExperiment(Options(folder, maxTrials: null, budget: TimeSpan.FromSeconds(14)))
            .RunAsync(new SyntheticTrainer { EpochTime = TimeSpan.FromSeconds(2) });

        Assert.InRange(clock.Elapsed.TotalSeconds, 13, 30);
        Assert.Equal(TrialState.Cancelled, result.Trials[^1].State);
        Assert.Equal("time budget reached", result.Trials[^1].FailureReason);
        Assert.Contains(result.Trials, t => t.State == TrialState.Complete);
    }

    [Fact]
    public async Task RunAsync_StopRequestedThroughTheStore_CancelsTheRunningTrialPromptlyAndStillExportsTheBest()
    {
        using var folder = new TemporaryFolder();
        var db = Path.Combine(folder.File("out"), ExperimentStores.DefaultFileName);
        var run = new ImageSearchExperiment(Options(folder, maxTrials: null, refit: true)).RunAsync(new SyntheticTrainer { EpochTime = TimeSpan.FromSeconds(1) });
        // As ctk ui does: another connection sets the study's stop flag while its second trial runs.
        while (!File.Exists(db)) await Task.Delay(50);
        await using (var store = await ExperimentStores.OpenAsync(null, db))
        {
            while ((await store.GetTrialsAsync("synthetic")).Count < 2) await Task.Delay(50);
            var study = (await store.FindStudyAsync("synthetic"))!;
            await store.UpdateControlAsync("synthetic", new StudyControl(study.DeadlineUtc, study.MaxTrials, study.TargetScore, StopRequested: true));
        }
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var result = await run;

        // Well before the 10-second heartbeat, and before the trial's 4 seconds of training end.
        Assert.InRange(clock.Elapsed.TotalSeconds, 0, 3.5);
        Assert.Equal([TrialState.Complete, TrialState.Cancelled], result.Trials.Select(t => t.State));
        Assert.Equal("the study was stopped", result.Trials[1].FailureReason);
        Assert.True(File.Exists(result.BestModelPath));
        // A stop wants the search over: no refit's minutes after it.
        Assert.Contains("the study was stopped", result.Refit!.SkippedBecause);
    }

    [Fact]
    public async Task RunAsync_Resume_KeepsFinishedTrialsAndRunsOnlyNewOnes()
    {
        using var folder = new TemporaryFolder();
        var first = await new ImageSearchExperiment(Options(folder, tuner: "tpe", maxTrials: 3)).RunAsync(new SyntheticTrainer());
        await Assert.ThrowsAsync<InvalidOperationException>(() => new ImageSearchExperiment(Options(folder, tuner: "tpe", maxTrials: 5)).RunAsync(new SyntheticTrainer()));

        var trainer = new SyntheticTrainer();
        var resumed = await new ImageSearchExperiment(Options(folder, tuner: "tpe", maxTrials: 5, resume: true)).RunAsync(trainer);

        Assert.Equal(2, trainer.Trained);
        Assert.Equal([1, 2, 3, 4, 5], resumed.Trials.Select(t => t.Number));
        Assert.Equal(first.Trials.Select(t => (t.Parameters, t.Score)), resumed.Trials.Take(3).Select(t => (t.Parameters, t.Score)));
    }

    [Fact]
    public async Task RunAsync_TrialOfADeadWorker_IsMarkedLostAndItsConfigurationRetriedOnce()
    {
        using var folder = new TemporaryFolder();
        var options = Options(folder, tuner: "random", maxTrials: 3);
        await new ImageSearchExperiment(options with { MaxTrials = 1 }).RunAsync(new SyntheticTrainer());
        // A trial left running by a process of this machine that no longer exists (pid far above any live one).
        await using (var store = await ExperimentStores.OpenAsync(null, Path.Combine(folder.File("out"), ExperimentStores.DefaultFileName)))
        {
            var lostParameters = ParameterSet.FromJson("""{"training.learningRate":0.004}""");
            await store.StartTrialAsync("synthetic", $"{Environment.MachineName}:{int.MaxValue - 7}", _ => new TrialProposal(lostParameters));
        }

        var result = await new ImageSearchExperiment(options with { Resume = true }).RunAsync(new SyntheticTrainer());

        var lost = Assert.Single(result.Trials, t => t.State == TrialState.Lost);
        Assert.Equal("worker lost", lost.FailureReason);
        var retry = Assert.Single(result.Trials, t => t.RetryOf == lost.Number);
        Assert.Equal(lost.Parameters, retry.Parameters);
        Assert.Equal(TrialState.Complete, retry.State);
    }
    [Fact]
    public async Task RunAsync_Refit_TrainsTheBestConfigurationOnAllTheDataAndExportsThatModel()
    {
        using var folder = new TemporaryFolder();
        var trainer = new SyntheticTrainer();
        var result = await new ImageSearchExperiment(Options(folder, maxTrials: 3, refit: true)).RunAsync(trainer);

        var refit = result.Refit!;
        Assert.True(refit.IsRefit, refit.SkippedBecause);
        Assert.Equal(4, trainer.Trained);
        Assert.Equal(1, trainer.Evaluated);
        // The synthetic accuracy rises every epoch, so the best epoch is the last.
        Assert.Equal((result.Best!.Number, 4, SyntheticTrainer.ImagesBeforeSplit), (refit.Trial, refit.Epochs, refit.TrainImages));
        Assert.Equal(result.Best.History[^1].ValAccuracy, refit.Validation);
        var lr = result.BestPipeline!.Training.LearningRate;
        Assert.Equal($"model lr={lr} refit epochs=4", File.ReadAllText(result.BestModelPath!));
        Assert.Equal($"model lr={lr}", File.ReadAllText(refit.SearchModelPath!));
        Assert.Equal(SyntheticTrainer.ImagesBeforeSplit, result.TestMetrics!.TrainImages);
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(folder.File("out"), "best-trial.json")));
        var written = json.RootElement.GetProperty("refit");
        Assert.True(written.GetProperty("refit").GetBoolean());
        Assert.Equal(4, written.GetProperty("epochs").GetInt32());
        Assert.Equal(ImageSearchExperiment.SearchModelFile, written.GetProperty("searchModel").GetString());
        Assert.Contains($"trial #{refit.Trial}'s configuration refit on training + validation data", File.ReadAllText(Path.Combine(folder.File("out"), "leaderboard.md")));
    }

    [Fact]
    public async Task RunAsync_RefitThatDoesNotFitTheBudget_IsSkippedSayingSo()
    {
        using var folder = new TemporaryFolder();
        var trainer = new SyntheticTrainer { EpochTime = TimeSpan.FromSeconds(1) };
        // The trials get 70 % of 8 s (a trial starts with 5 s left): one trial of 4 × 1 s leaves about 4 s; the refit would take about
        // 4 s / 0.8 × 1.1 = 5.5 s.
        var result = await new ImageSearchExperiment(Options(folder, maxTrials: 1, budget: TimeSpan.FromSeconds(8), refit: true) with { RefitShareFrom = TimeSpan.Zero }).RunAsync(trainer);

        Assert.Equal(1, trainer.Trained);
        Assert.Contains("time budget", result.Refit!.SkippedBecause);
        Assert.False(File.Exists(Path.Combine(folder.File("out"), ImageSearchExperiment.SearchModelFile)));
        Assert.Equal($"model lr={result.BestPipeline!.Training.LearningRate}", File.ReadAllText(result.BestModelPath!));
    }

    [Fact]
    public async Task RunAsync_RefitWithATimeBudget_TrialsLeaveItsShareSoItFits()
    {
        using var folder = new TemporaryFolder();
        var trainer = new SyntheticTrainer { EpochTime = TimeSpan.FromSeconds(0.5) };
        // Trials of 4 × 0.5 s may start until 70 % of 10 s (with 5 s left to run): three fit, and the refit (about 2.75 s)
        // then fits the 4 s kept. Without the share, trials would run to the end and leave the refit no time.
        var result = await new ImageSearchExperiment(Options(folder, maxTrials: 10, budget: TimeSpan.FromSeconds(10), refit: true) with { RefitShareFrom = TimeSpan.Zero }).RunAsync(trainer);

        Assert.True(result.Refit!.IsRefit, result.Refit.SkippedBecause);
        Assert.InRange(result.Trials.Count, 1, 3);
        Assert.All(result.Trials, t => Assert.Equal(TrialState.Complete, t.State));
        Assert.InRange(result.Elapsed, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(11));
    }

    [Fact]
    public async Task RunAsync_RefitSlowerThanItsShare_GivesTheShareToTheRunningTrials()
    {
        using var folder = new TemporaryFolder();
        var trainer = new SyntheticTrainer { EpochTime = TimeSpan.FromSeconds(2.25) };
        // 24 s: trials may run until 70 % (16.8 s), 6 s are kept for a refit. Trial 1 takes 9 s, so its refit would take about
        // 9 / 0.8 × 1.1 = 12.4 s: the share goes to the trials, whose deadline moves to 95 % (22.8 s). Trial 2 (9 to 18 s)
        // started under the old deadline and must pick up the new one to finish; without the move it is cancelled at 16.8 s.
        var result = await new ImageSearchExperiment(Options(folder, maxTrials: 10, budget: TimeSpan.FromSeconds(24), refit: true) with { RefitShareFrom = TimeSpan.Zero }).RunAsync(trainer);

        Assert.Equal([TrialState.Complete, TrialState.Complete], result.Trials.Select(t => t.State));
        Assert.False(result.Refit!.IsRefit);
        Assert.Contains("so the search's trials got that time", result.Refit.SkippedBecause);
        Assert.InRange(result.Elapsed, TimeSpan.FromSeconds(18), TimeSpan.FromSeconds(24));
    }

    [Theory]
    [InlineData(60, true, 57)]
    [InlineData(60, false, 57)]
    [InlineData(1800, true, 1260)]
    [InlineData(1800, false, 1710)]
    public void TrialShare_KeepsTimeForTheFinishAndForARefitInBudgetsOfFiveMinutesOrMore(int budgetSeconds, bool refit, int trialSeconds) =>
        Assert.Equal(trialSeconds, ExperimentOptions.TrialShare(TimeSpan.FromSeconds(budgetSeconds), refit).TotalSeconds, 6);

    [Fact]
    public async Task RunAsync_RefitFailsOrIsCancelled_KeepsTheSearchModelAndSaysWhy()
    {
        using var failing = new TemporaryFolder();
        var failed = await new ImageSearchExperiment(Options(failing, maxTrials: 1, refit: true)).RunAsync(new SyntheticTrainer { FailRefit = true });
        using var cancelling = new TemporaryFolder();
        using var stop = new CancellationTokenSource();
        var trainer = new SyntheticTrainer { EpochTime = TimeSpan.FromSeconds(0.1), OnRefit = stop.Cancel };
        var cancelled = await new ImageSearchExperiment(Options(cancelling, maxTrials: 1, refit: true)).RunAsync(trainer, cancellationToken: stop.Token);

        Assert.Equal("the refit failed: synthetic refit failure", failed.Refit!.SkippedBecause);
        Assert.Equal("the refit was cancelled", cancelled.Refit!.SkippedBecause);
        Assert.Equal(1, trainer.Evaluated);
        foreach (var result in new[] { failed, cancelled })
            Assert.Equal($"model lr={result.BestPipeline!.Training.LearningRate}", File.ReadAllText(result.BestModelPath!));
    }
}
