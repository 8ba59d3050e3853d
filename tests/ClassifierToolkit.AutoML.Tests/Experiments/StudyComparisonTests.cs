using ClassifierToolkit.AutoML.Experiments;
using ClassifierToolkit.AutoML.Tests.Support;
using ClassifierToolkit.AutoML.Trials;

namespace ClassifierToolkit.AutoML.Tests.Experiments;

public class StudyComparisonTests
{
    private const string Search = """
        {
          "version": 1, "name": "synthetic",
          "training": { "epochs": 3, "learningRate": 0.001 },
          "search": { "training.learningRate": { "logUniform": [0.0001, 0.1] } }
        }
        """;

    private static async Task<ExperimentResult> RunAsync(TemporaryFolder folder, string tuner, int trials)
    {
        var file = folder.File("search.json");
        File.WriteAllText(file, Search);
        var options = new ExperimentOptions { SearchFile = file, OutputFolder = folder.File(tuner), Tuner = tuner, Pruner = "none", MaxTrials = trials };
        return await new ImageSearchExperiment(options).RunAsync(new SyntheticTrainer());
    }

    [Fact]
    public async Task ReadAndWrite_TwoTuners_OneRowAndOneLineEach()
    {
        using var folder = new TemporaryFolder();
        var random = await RunAsync(folder, "random", 4);
        var tpe = await RunAsync(folder, "tpe", 3);

        var studies = await StudyComparison.ReadAsync([folder.File("random"), folder.File("tpe")], "synthetic");
        StudyComparison.Write(studies, folder.File("compare.png"));

        Assert.Equal(["random", "tpe"], studies.Select(s => s.Label));
        Assert.Equal(4, studies[0].Count(TrialState.Complete));
        Assert.Equal(random.Trials.Max(t => t.History.Max(e => e.ValAccuracy)), studies[0].BestValAccuracy);
        Assert.Equal(tpe.Trials.Max(t => t.History.Max(e => e.ValAccuracy)), studies[1].BestValAccuracy);
        Assert.True(new FileInfo(folder.File("compare.png")).Length > 5_000);
        var table = File.ReadAllLines(folder.File("compare.md"));
        Assert.Equal(4, table.Length);
        Assert.StartsWith("| random | 4 | 4 | 0 | 0 | 0 |", table[2]);
        Assert.StartsWith("| tpe | 3 | 3 | 0 | 0 | 0 |", table[3]);
    }

    [Fact]
    public async Task ReadAsync_SameTunerTwice_LabelsNameTheStorage()
    {
        using var folder = new TemporaryFolder();
        await RunAsync(folder, "random", 2);

        var studies = await StudyComparison.ReadAsync([folder.File("random"), Path.Combine(folder.File("random"), "experiment.db")], "synthetic");

        Assert.Equal($"random ({folder.File("random")})", studies[0].Label);
        Assert.NotEqual(studies[0].Label, studies[1].Label);
    }

    [Fact]
    public async Task ReadAsync_FolderWithoutDatabase_NamesItAndCreatesNothing()
    {
        using var folder = new TemporaryFolder();

        var error = await Assert.ThrowsAsync<FileNotFoundException>(() => StudyComparison.ReadAsync([folder.Path], "synthetic"));

        Assert.Contains(folder.Path, error.Message);
        Assert.False(File.Exists(folder.File("experiment.db")));
    }

    [Fact]
    public async Task ReadAsync_UnknownStudy_SaysWhichStorageAndHowToFix()
    {
        using var folder = new TemporaryFolder();
        await RunAsync(folder, "random", 1);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => StudyComparison.ReadAsync([folder.File("random")], "other"));

        Assert.Contains("no study named 'other'", error.Message);
        Assert.Contains("--study", error.Message);
    }
}
