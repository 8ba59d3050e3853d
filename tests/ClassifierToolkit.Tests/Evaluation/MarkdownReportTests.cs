using ClassifierToolkit.Evaluation;
using ClassifierToolkit.Tests.Support;

namespace ClassifierToolkit.Tests.Evaluation;

public class MarkdownReportTests
{
    private static readonly ClassifierMetrics Metrics = new()
    {
        MicroAccuracy = 0.5, Classes = ["a", "b"], ConfusionMatrix = [[1, 1], [0, 2]], TestImages = 4,
    };

    [Fact]
    public void WriteAll_WithDataNote_PutsItUnderTheTitleAndInMetricsJson()
    {
        var folder = TestPaths.NewTempFolder();

        MarkdownReport.WriteAll(folder, "run", Metrics with { DataNote = "The bundled sample was used." });

        Assert.Contains("# run\n\n> **Data:** The bundled sample was used.", File.ReadAllText(Path.Combine(folder, "report.md")).ReplaceLineEndings("\n"));
        Assert.Equal("The bundled sample was used.", MetricsJson.Read(Path.Combine(folder, "metrics.json")).DataNote);
    }

    [Fact]
    public void WriteAll_WithoutDataNote_LeavesMetricsJsonAsBefore()
    {
        var folder = TestPaths.NewTempFolder();

        MarkdownReport.WriteAll(folder, "run", Metrics);

        Assert.DoesNotContain("dataNote", File.ReadAllText(Path.Combine(folder, "metrics.json")));
        Assert.DoesNotContain("**Data:**", File.ReadAllText(Path.Combine(folder, "report.md")));
    }

    [Fact]
    public void WriteAll_NoMistakes_SaysSoAndRemovesAnEarlierTopLossPicture()
    {
        var folder = TestPaths.NewTempFolder();
        File.WriteAllBytes(Path.Combine(folder, MarkdownReport.TopLossesFile), [0x89]);

        MarkdownReport.WriteAll(folder, "run", Metrics with { ConfusionMatrix = [[2, 0], [0, 2]] });

        Assert.False(File.Exists(Path.Combine(folder, MarkdownReport.TopLossesFile)));
        var report = File.ReadAllText(Path.Combine(folder, "report.md"));
        Assert.Contains("## Most confused pairs", report);
        Assert.Contains("No test image was misclassified.", report);
        Assert.DoesNotContain("## Top losses", report);
    }

    [Fact]
    public void Read_MetricsJsonWrittenBeforeTopLosses_HasNoneAndDerivesThePairs()
    {
        var path = Path.Combine(TestPaths.NewTempFolder(), "metrics.json");
        File.WriteAllText(path, """{ "microAccuracy": 0.5, "classes": ["a", "b"], "confusionMatrix": [[1, 1], [0, 2]], "testImages": 4 }""");

        var metrics = MetricsJson.Read(path);

        Assert.Empty(metrics.TopLosses);
        Assert.Equal([new ConfusedPair("a", "b", 1, 0.5)], metrics.MostConfused);
    }
}
