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
}
