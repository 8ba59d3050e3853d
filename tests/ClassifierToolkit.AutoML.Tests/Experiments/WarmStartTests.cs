using ClassifierToolkit.AutoML.Experiments;
using ClassifierToolkit.AutoML.Storage;
using ClassifierToolkit.AutoML.Tests.Support;
using ClassifierToolkit.AutoML.Trials;

namespace ClassifierToolkit.AutoML.Tests.Experiments;

/// <summary>Portfolio and warm start through the whole experiment, with the synthetic trainer (accuracy best at learning rate 0.003).</summary>
public class WarmStartTests(Storage.PostgresTestDatabase postgres) : IClassFixture<Storage.PostgresTestDatabase>
{
    // The earlier study tries three rates; 0.003 is the best the synthetic trainer knows.
    private const string Earlier = """
        { "version": 1, "name": "earlier", "training": { "epochs": 2 },
          "search": { "training.learningRate": { "choice": [0.001, 0.003, 0.01] } } }
        """;
    private const string Later = """
        { "version": 1, "name": "later", "training": { "epochs": 2 },
          "search": { "training.learningRate": { "logUniform": [0.0001, 0.1] } } }
        """;

    private static ExperimentOptions Options(TemporaryFolder folder, string name, string search, string? output = null) =>
        new()
        {
            SearchFile = WriteOnce(folder.File($"{name}.json"), search), OutputFolder = folder.File(output ?? name), Tuner = "cfo", Pruner = "none",
            MaxTrials = 2, Refit = false,
        };

    private static string WriteOnce(string path, string text)
    {
        if (!File.Exists(path)) File.WriteAllText(path, text);
        return path;
    }

    private static Task<ExperimentResult> RunEarlierAsync(TemporaryFolder folder, string? storage = null) =>
        new ImageSearchExperiment(Options(folder, "earlier", Earlier) with { Tuner = "grid", MaxTrials = null, Storage = storage }).RunAsync(new SyntheticTrainer());

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task RunAsync_WarmStartWithTheSameData_ImportsTheBestTrialsWithModelsAndExportsTheImportedBest(bool databaseFile)
    {
        using var folder = new TemporaryFolder();
        await RunEarlierAsync(folder);
        var trainer = new SyntheticTrainer();
        var source = databaseFile ? Path.Combine(folder.File("earlier"), ExperimentStores.DefaultFileName) : folder.File("earlier");

        var result = await new ImageSearchExperiment(Options(folder, "later", Later) with { WarmStart = source }).RunAsync(trainer);

        Assert.Equal(["imported from study 'earlier' trial 2", "imported from study 'earlier' trial 1", "imported from study 'earlier' trial 3", null, null],
            result.Trials.Select(t => t.Source));
        Assert.Equal(2, trainer.Trained);
        Assert.Equal(1, result.Best!.Number);
        Assert.Equal("model lr=0.003", File.ReadAllText(result.BestModelPath!));
        Assert.Equal(2, result.Trials[0].History.Count);
        Assert.True(result.Trials[0].Duration > TimeSpan.Zero);
        Assert.Contains("imported from study 'earlier' trial 2", File.ReadAllText(Path.Combine(folder.File("later"), "leaderboard.csv")));
    }

    [Fact]
    public async Task RunAsync_WarmStartWithOtherData_RunsTheEarlierBestConfigurationsFirst()
    {
        using var folder = new TemporaryFolder();
        await RunEarlierAsync(folder);
        var trainer = new SyntheticTrainer();
        var otherData = Later.Replace("\"training\"", "\"data\": { \"trainLimit\": 500 }, \"training\"", StringComparison.Ordinal);

        var result = await new ImageSearchExperiment(Options(folder, "later", otherData) with { WarmStart = folder.File("earlier"), MaxTrials = 4 }).RunAsync(trainer);

        Assert.Equal(4, trainer.Trained);
        Assert.Equal(["warm start: study 'earlier' trial 2", "warm start: study 'earlier' trial 1", "warm start: study 'earlier' trial 3", null],
            result.Trials.Select(t => t.Source));
        Assert.Equal([0.003, 0.001, 0.01], result.Trials.Take(3).Select(t => t.Parameters["training.learningRate"].Number));
    }

    [Fact]
    public async Task RunAsync_Resume_DoesNotImportAgain()
    {
        using var folder = new TemporaryFolder();
        await RunEarlierAsync(folder);
        var options = Options(folder, "later", Later) with { WarmStart = folder.File("earlier") };
        await new ImageSearchExperiment(options).RunAsync(new SyntheticTrainer());

        var resumed = await new ImageSearchExperiment(options with { Resume = true, MaxTrials = 3 }).RunAsync(new SyntheticTrainer());

        Assert.Equal(6, resumed.Trials.Count);
        Assert.Equal(3, resumed.Trials.Count(TrialSources.IsImported));
    }

    [Fact]
    public async Task RunAsync_MissingWarmStartStoreOrStudy_ThrowsNamingItBeforeAnyTrial()
    {
        using var folder = new TemporaryFolder();
        await RunEarlierAsync(folder);
        var trainer = new SyntheticTrainer();
        var missing = folder.File("no-such-run");

        var noStore = await Assert.ThrowsAsync<ArgumentException>(() => new ImageSearchExperiment(Options(folder, "later", Later) with { WarmStart = missing }).RunAsync(trainer));
        var noStudy = await Assert.ThrowsAsync<ArgumentException>(() => new ImageSearchExperiment(
            Options(folder, "later", Later, output: "later-2") with { WarmStart = folder.File("earlier"), WarmStartStudy = "nope" }).RunAsync(trainer));

        Assert.Contains($"'{missing}' does not exist", noStore.Message);
        Assert.Contains("holds no study 'nope'; it holds 'earlier'", noStudy.Message);
        Assert.Equal(0, trainer.Trained);
    }

    [Fact]
    public async Task RunAsync_Portfolio_IsTriedFirstAndShownInTheLeaderboardUnlessTurnedOff()
    {
        using var folder = new TemporaryFolder();
        var on = await new ImageSearchExperiment(Options(folder, "narrowed", Portfolios.PortfolioTests.Narrowed, output: "on") with { MaxTrials = 4 }).RunAsync(new SyntheticTrainer());
        var off = await new ImageSearchExperiment(Options(folder, "narrowed", Portfolios.PortfolioTests.Narrowed, output: "off") with { MaxTrials = 1, Portfolio = false })
            .RunAsync(new SyntheticTrainer());

        Assert.Equal(["portfolio: cnn-plus tuned", "portfolio: cnn-plus shipped", "portfolio: cnn-plus light regularization", null], on.Trials.Select(t => t.Source));
        Assert.Contains("portfolio: cnn-plus tuned", File.ReadAllText(Path.Combine(folder.File("on"), "leaderboard.md")));
        Assert.Null(Assert.Single(off.Trials).Source);
    }

    [Fact]
    public async Task RunAsync_AshaPruning_TrainsThePortfolioRecipesToTheEndAndPrunesTheTunersTrials()
    {
        using var folder = new TemporaryFolder();
        // At epoch 1 of 2 the recipes score 0.8734 (rate 0.004, twice) and 0.8750 (0.003): ASHA keeps the top third at that
        // rung, so it would stop the third recipe; a recipe is known to work and runs to the end.
        var result = await new ImageSearchExperiment(Options(folder, "narrowed", Portfolios.PortfolioTests.Narrowed) with { MaxTrials = 8, Pruner = "asha" })
            .RunAsync(new SyntheticTrainer());

        var recipes = result.Trials.Where(t => t.Source is not null).ToList();
        Assert.Equal(3, recipes.Count);
        Assert.All(recipes, t => Assert.Equal((TrialState.Complete, 2), (t.State, t.History.Count)));
        Assert.Contains(result.Trials, t => t.Source is null && t.State == TrialState.Pruned);
    }

    [SkippableFact]
    public async Task RunAsync_WarmStartFromPostgres_ImportsIntoAPostgresStudy()
    {
        var connection = await postgres.CreateDatabaseAsync();
        using var folder = new TemporaryFolder();
        await RunEarlierAsync(folder, storage: connection);
        var trainer = new SyntheticTrainer();

        var result = await new ImageSearchExperiment(Options(folder, "later", Later) with { WarmStart = connection, Storage = connection }).RunAsync(trainer);

        Assert.Equal(3, result.Trials.Count(TrialSources.IsImported));
        Assert.Equal(2, trainer.Trained);
        Assert.Equal("model lr=0.003", File.ReadAllText(result.BestModelPath!));
    }
}
