using System.Globalization;
using System.Text;
using ClassifierToolkit.AutoML.Experiments;
using ClassifierToolkit.AutoML.Tests.Support;
using ClassifierToolkit.AutoML.Trials;
using ClassifierToolkit.Training;
using OxyPlot.Axes;
using SkiaSharp;

namespace ClassifierToolkit.AutoML.Tests.Experiments;

public class ExperimentReportTests
{
    private const string LearningRate = "training.learningRate";
    private const string ModelName = "model.name";
    private const string Flip = "training.augmentation.horizontalFlip";
    private const string Dropout = "model.dropout";
    private const string Oom = "CUDA out of memory, \"tried\" to allocate 2 GiB\nat epoch 1";
    private static readonly DateTime Start = new(2025, 1, 1, 12, 0, 0, DateTimeKind.Utc);

    // Scores are negated losses (objective valLoss). Dropout is conditional: only the 'vit' trial sets it.
    private static readonly IReadOnlyList<TrialRecord> Mixed =
    [
        Trial(1, TrialState.Complete, -0.50, finishedMinute: 10, Parameters(1e-3, "resnet18", flip: true), 0.60, 0.80, 0.75),
        Trial(2, TrialState.Complete, -0.40, finishedMinute: 12, Parameters(1e-2, "vit", flip: false).With(Dropout, ParameterValue.Of(0.1)), 0.85),
        Trial(3, TrialState.Pruned, -0.90, finishedMinute: 4, Parameters(3e-4, "resnet18", flip: false), 0.50),
        Trial(4, TrialState.Failed, null, finishedMinute: 2, Parameters(0.1, "resnet50", flip: true), [], reason: Oom),
        Trial(5, TrialState.Cancelled, null, finishedMinute: 20, Parameters(2e-3, "resnet50", flip: false), [0.55], reason: "stopped | budget"),
        Trial(6, TrialState.Running, null, finishedMinute: null, Parameters(5e-4, "resnet18", flip: true), 0.70, 0.72),
        Trial(7, TrialState.Pruned, -0.70, finishedMinute: 6, Parameters(1e-4, "vit", flip: true), 0.60),
        Trial(8, TrialState.Complete, -0.45, finishedMinute: 15, Parameters(4e-3, "resnet18", flip: false), [null, null]),
    ];

    [Fact]
    public void WriteAll_MixedTrials_CsvListsBestFirst()
    {
        using var folder = new TemporaryFolder();
        ExperimentReport.WriteAll(folder.Path, "study", Mixed, "valLoss", Start);
        var rows = ReadCsv(folder.File(ExperimentReport.LeaderboardCsvFile));
        Assert.Equal(["rank", "trial", "state", "valLoss", "epochs", "bestValAccuracy", "seconds", "worker", "failureReason", "source", Dropout, ModelName, Flip, LearningRate],
            rows[0]);
        // Complete by score, pruned by score, then running, cancelled, failed.
        Assert.Equal(["2", "8", "1", "7", "3", "6", "5", "4"], rows.Skip(1).Select(r => r[1]));
        Assert.Equal(["1", "2", "3", "4", "5", "6", "7", "8"], rows.Skip(1).Select(r => r[0]));
        Assert.Equal(["complete", "complete", "complete", "pruned", "pruned", "running", "cancelled", "failed"], rows.Skip(1).Select(r => r[2]));
    }

    [Fact]
    public void WriteAll_ValLossObjective_PrintsTheLossNotTheNegatedScore()
    {
        using var folder = new TemporaryFolder();
        ExperimentReport.WriteAll(folder.Path, "study", Mixed, "valLoss", Start);
        var rows = ReadCsv(folder.File(ExperimentReport.LeaderboardCsvFile));
        Assert.Equal(0.40, double.Parse(rows[1][3], CultureInfo.InvariantCulture));
        Assert.Equal(0.90, double.Parse(Row(rows, 3)[3], CultureInfo.InvariantCulture));
        Assert.Equal("", Row(rows, 6)[3]);
    }

    [Fact]
    public void WriteAll_ValAccuracyObjective_PrintsTheScore()
    {
        using var folder = new TemporaryFolder();
        TrialRecord[] trials = [Trial(1, TrialState.Complete, 0.81, 5, Parameters(1e-3, "resnet18", true), 0.81)];
        ExperimentReport.WriteAll(folder.Path, "study", trials, "valAccuracy", Start);
        var rows = ReadCsv(folder.File(ExperimentReport.LeaderboardCsvFile));
        Assert.Equal("valAccuracy", rows[0][3]);
        Assert.Equal(0.81, double.Parse(rows[1][3], CultureInfo.InvariantCulture));
    }

    [Fact]
    public void WriteAll_FailureReasonWithCommaQuoteAndLineBreak_SurvivesCsvRoundTrip()
    {
        using var folder = new TemporaryFolder();
        ExperimentReport.WriteAll(folder.Path, "study", Mixed, "valLoss", Start);
        var rows = ReadCsv(folder.File(ExperimentReport.LeaderboardCsvFile));
        Assert.All(rows, r => Assert.Equal(rows[0].Count, r.Count));
        Assert.Equal(Oom, Row(rows, 4)[8]);
        Assert.Equal("stopped | budget", Row(rows, 5)[8]);
    }

    [Fact]
    public void WriteAll_MixedTrials_CsvHasEpochsAccuracySecondsAndEmptyCellsForInactiveParameters()
    {
        using var folder = new TemporaryFolder();
        ExperimentReport.WriteAll(folder.Path, "study", Mixed, "valLoss", Start);
        var rows = ReadCsv(folder.File(ExperimentReport.LeaderboardCsvFile));
        var header = rows[0];
        var first = Row(rows, 1);
        Assert.Equal("3", first[header.IndexOf("epochs")]);
        Assert.Equal("0.8", first[header.IndexOf("bestValAccuracy")]);
        Assert.Equal("600", first[header.IndexOf("seconds")]);
        Assert.Equal("", first[header.IndexOf(Dropout)]);
        Assert.Equal("0.001", first[header.IndexOf(LearningRate)]);
        Assert.Equal("true", first[header.IndexOf(Flip)]);
        Assert.Equal("0.1", Row(rows, 2)[header.IndexOf(Dropout)]);
        Assert.Equal("", Row(rows, 8)[header.IndexOf("bestValAccuracy")]);
        Assert.Equal("", Row(rows, 6)[header.IndexOf("seconds")]);
    }

    [Fact]
    public void WriteAll_MixedTrials_MarkdownSummarisesAndTabulatesEveryTrial()
    {
        using var folder = new TemporaryFolder();
        ExperimentReport.WriteAll(folder.Path, "tpe-cifar", Mixed, "valLoss", Start);
        var lines = File.ReadAllLines(folder.File(ExperimentReport.LeaderboardMarkdownFile));
        Assert.Equal("# Study tpe-cifar", lines[0]);
        Assert.Contains("8 trials: 3 complete, 2 pruned, 1 failed, 1 cancelled, 1 running; best trial #2 with valLoss 0.4000.", lines);
        var table = lines.Where(l => l.StartsWith('|')).ToList();
        Assert.Equal(2 + Mixed.Count, table.Count);
        // Escaped pipes do not split cells: every line has the header's eleven cells.
        Assert.All(table, l => Assert.Equal(12, l.Replace("\\|", "", StringComparison.Ordinal).Count(ch => ch == '|')));
        Assert.Contains(table, l => l.Contains("stopped \\| budget", StringComparison.Ordinal));
        Assert.StartsWith("| 1 | 2 | complete | 0.4000 |", table[2], StringComparison.Ordinal);
        Assert.Contains("model.dropout=0.1, model.name=vit", table[2], StringComparison.Ordinal);
    }

    [Fact]
    public void WriteAll_MixedTrials_WritesPngsOfTheExpectedSize()
    {
        using var folder = new TemporaryFolder();
        ExperimentReport.WriteAll(folder.Path, "study", Mixed, "valLoss", Start);
        AssertPng(folder.File(ExperimentReport.BestSoFarFile), 900, 550);
        // Four parameters, three to a row: two rows.
        AssertPng(folder.File(ExperimentReport.ParametersFile), 3 * PlotGrid.PanelWidth, 2 * PlotGrid.PanelHeight);
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(3, 3, 1)]
    [InlineData(4, 3, 2)]
    [InlineData(7, 3, 3)]
    public void WriteAll_ParameterCount_ParametersGridHasOnePanelEach(int parameters, int columns, int rows)
    {
        using var folder = new TemporaryFolder();
        var set = new ParameterSet(Enumerable.Range(1, parameters).Select(i => KeyValuePair.Create($"p{i}", ParameterValue.Of(i * 0.1))));
        TrialRecord[] trials = [Trial(1, TrialState.Complete, 0.7, 3, set, 0.7), Trial(2, TrialState.Pruned, 0.6, 4, set.With("p1", ParameterValue.Of(0.5)), 0.6)];
        ExperimentReport.WriteAll(folder.Path, "study", trials, "valAccuracy", Start);
        AssertPng(folder.File(ExperimentReport.ParametersFile), columns * PlotGrid.PanelWidth, rows * PlotGrid.PanelHeight);
    }

    [Fact]
    public void WriteAll_NoFinishedTrials_WritesEveryFileAndSaysSo()
    {
        using var folder = new TemporaryFolder();
        TrialRecord[] trials = [Trial(1, TrialState.Running, null, null, Parameters(1e-3, "resnet18", true), 0.5)];
        ExperimentReport.WriteAll(folder.Path, "study", trials, "valLoss", Start);
        Assert.Equal(2, ReadCsv(folder.File(ExperimentReport.LeaderboardCsvFile)).Count);
        Assert.Contains("1 trial: 0 complete, 0 pruned, 0 failed, 0 cancelled, 1 running; no trial has a score yet.",
            File.ReadAllLines(folder.File(ExperimentReport.LeaderboardMarkdownFile)));
        AssertPng(folder.File(ExperimentReport.BestSoFarFile), 900, 550);
        AssertPng(folder.File(ExperimentReport.ParametersFile), PlotGrid.PanelWidth, PlotGrid.PanelHeight);
        Assert.EndsWith("no finished trials yet", BestSoFarPlot.Build([new ExperimentReport.Curve("study", trials, Start)]).Title, StringComparison.Ordinal);
        Assert.EndsWith("no finished trials yet", Assert.Single(ParameterPlots.Panels(trials)).Title, StringComparison.Ordinal);
    }

    [Fact]
    public void WriteAll_NoTrials_WritesHeaderOnlyCsvAndPlaceholderPlots()
    {
        using var folder = new TemporaryFolder();
        ExperimentReport.WriteAll(folder.Path, "study", [], "valAccuracy", Start);
        Assert.Single(ReadCsv(folder.File(ExperimentReport.LeaderboardCsvFile)));
        Assert.Contains("0 trials: 0 complete, 0 pruned, 0 failed, 0 cancelled, 0 running; no trial has a score yet.",
            File.ReadAllLines(folder.File(ExperimentReport.LeaderboardMarkdownFile)));
        AssertPng(folder.File(ExperimentReport.BestSoFarFile), 900, 550);
        AssertPng(folder.File(ExperimentReport.ParametersFile), PlotGrid.PanelWidth, PlotGrid.PanelHeight);
    }

    [Fact]
    public void WriteAll_FinishedTrialsWithoutValidationAccuracy_SaysSoInThePlots()
    {
        using var folder = new TemporaryFolder();
        TrialRecord[] trials = [Trial(1, TrialState.Complete, -0.3, 5, Parameters(1e-3, "resnet18", true), [null]), Trial(2, TrialState.Failed, null, 6, ParameterSet.Empty)];
        ExperimentReport.WriteAll(folder.Path, "study", trials, "valLoss", Start);
        AssertPng(folder.File(ExperimentReport.BestSoFarFile), 900, 550);
        AssertPng(folder.File(ExperimentReport.ParametersFile), PlotGrid.PanelWidth, PlotGrid.PanelHeight);
        Assert.EndsWith("no finished trial reported a validation accuracy", BestSoFarPlot.Build([new ExperimentReport.Curve("study", trials, Start)]).Title,
            StringComparison.Ordinal);
    }

    [Fact]
    public void WriteAll_SingleTrial_WritesEveryFile()
    {
        using var folder = new TemporaryFolder();
        TrialRecord[] trials = [Trial(1, TrialState.Complete, -0.3, 5, Parameters(1e-3, "resnet18", true), 0.9)];
        ExperimentReport.WriteAll(folder.Path, "study", trials, "valLoss", Start);
        Assert.Equal(2, ReadCsv(folder.File(ExperimentReport.LeaderboardCsvFile)).Count);
        AssertPng(folder.File(ExperimentReport.BestSoFarFile), 900, 550);
        AssertPng(folder.File(ExperimentReport.ParametersFile), 3 * PlotGrid.PanelWidth, PlotGrid.PanelHeight);
    }

    [Fact]
    public void WriteAll_UnknownObjective_ThrowsNamingTheChoices()
    {
        using var folder = new TemporaryFolder();
        var error = Assert.Throws<ArgumentException>(() => ExperimentReport.WriteAll(folder.Path, "study", Mixed, "accuracy", Start));
        Assert.Equal("objectiveName", error.ParamName);
        Assert.Contains("valLoss, valAccuracy", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(folder.Path));
    }

    [Fact]
    public void ParametersPanels_WideRangeOfPositiveNumbers_UsesALogAxis()
    {
        var panels = ParameterPlots.Panels(Mixed).ToDictionary(p => p.Title);
        Assert.IsType<LogarithmicAxis>(panels[LearningRate].Axes.Single(a => a.Position == AxisPosition.Bottom));
        Assert.IsType<CategoryAxis>(panels[ModelName].Axes.Single(a => a.Position == AxisPosition.Bottom));
        Assert.IsType<CategoryAxis>(panels[Flip].Axes.Single(a => a.Position == AxisPosition.Bottom));
        Assert.IsType<LinearAxis>(panels[Dropout].Axes.Single(a => a.Position == AxisPosition.Bottom));
        Assert.Equal("set in 1 of 5 trials", panels[Dropout].Subtitle);
    }

    [Fact]
    public void WriteBestSoFar_SeveralStudies_OneLineEach()
    {
        using var folder = new TemporaryFolder();
        ExperimentReport.Curve[] curves =
        [
            new("cfo", Mixed, Start), new("tpe", Mixed.Take(4).ToList(), Start.AddMinutes(1)), new("random", [], Start),
        ];
        ExperimentReport.WriteBestSoFar(folder.File("compare.png"), curves);
        AssertPng(folder.File("compare.png"), 900, 550);
        var model = BestSoFarPlot.Build(curves);
        Assert.Equal(["cfo", "tpe", "random"], model.Series.Select(s => s.Title));
    }

    [Fact]
    public void WriteBestSoFar_NoStudies_Throws()
    {
        using var folder = new TemporaryFolder();
        Assert.Throws<ArgumentException>(() => ExperimentReport.WriteBestSoFar(folder.File("x.png"), []));
    }

    private static ParameterSet Parameters(double learningRate, string model, bool flip) => new(
    [
        KeyValuePair.Create(LearningRate, ParameterValue.Of(learningRate)), KeyValuePair.Create(ModelName, ParameterValue.Of(model)),
        KeyValuePair.Create(Flip, ParameterValue.Of(flip)),
    ]);

    private static TrialRecord Trial(int number, TrialState state, double? score, double? finishedMinute, ParameterSet parameters, params double[] accuracies) =>
        Trial(number, state, score, finishedMinute, parameters, accuracies.Select(a => (double?)a).ToArray());

    private static TrialRecord Trial(int number, TrialState state, double? score, double? finishedMinute, ParameterSet parameters, double?[] accuracies,
        string? reason = null) =>
        new(number, parameters, state, [.. accuracies.Select((a, i) => new EpochMetrics(i + 1, 1.0, a is null ? null : 1 - a, a, 30, 1e-3))], score,
            "host:42", Start, finishedMinute is { } m ? Start.AddMinutes(m) : null, reason, null);

    private static List<string> Row(List<List<string>> rows, int trial) => rows.Single(r => r[1] == trial.ToString(CultureInfo.InvariantCulture));

    private static void AssertPng(string path, int width, int height)
    {
        var bytes = File.ReadAllBytes(path);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, bytes.Take(8));
        using var bitmap = SKBitmap.Decode(bytes);
        Assert.Equal((width, height), (bitmap.Width, bitmap.Height));
    }

    // RFC 4180: quoted fields may hold commas, doubled quotes and line breaks.
    private static List<List<string>> ReadCsv(string path)
    {
        var text = File.ReadAllText(path);
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < text.Length; i++)
        {
            char ch = text[i];
            if (quoted)
            {
                if (ch != '"') field.Append(ch);
                else if (i + 1 < text.Length && text[i + 1] == '"') field.Append(text[++i]);
                else quoted = false;
            }
            else if (ch == '"') quoted = true;
            else if (ch == ',') { row.Add(field.ToString()); field.Clear(); }
            else if (ch == '\n') { row.Add(field.ToString()); field.Clear(); rows.Add(row); row = []; }
            else field.Append(ch);
        }
        Assert.False(quoted, "unterminated quoted field");
        Assert.True(field.Length == 0 && row.Count == 0, "the file should end with a line break");
        return rows;
    }
}
