using ClassifierToolkit.Evaluation;
using ClassifierToolkit.Tests.Support;

namespace ClassifierToolkit.Tests.Ui;

/// <summary><c>predictions.csv</c>, the sidecar that lets the run page open the images behind a cell of the confusion matrix.</summary>
public sealed class RunPredictionsCsvTests
{
    private static readonly TestPrediction[] Predictions =
    [
        new(0, "/data/a, \"quoted\"/shirt 1.png", "Shirt", "T-shirt/top", 0.6123456789012345, 0.25),
        new(1, null, "Bag", "Bag", 0.99, 0.99),
        new(2, "/data/line\nbreak.png", "Bag", "Sandal", 1e-7, 0),
    ];

    [Fact]
    public void WriteThenRead_GivesBackEveryRowExactly()
    {
        var path = Path.Combine(TestPaths.NewTempFolder(), PredictionsCsv.FileName);

        PredictionsCsv.Write(path, Predictions);

        Assert.Equal(Predictions, PredictionsCsv.Read(path));
        Assert.StartsWith("row,imagePath,trueClass,predictedClass,predictedProbability,trueProbability\n", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(path)!));
    }

    [Fact]
    public void Read_ADamagedFile_SaysWhichRecord()
    {
        var path = Path.Combine(TestPaths.NewTempFolder(), PredictionsCsv.FileName);
        PredictionsCsv.Write(path, Predictions);
        File.AppendAllText(path, "7,,Bag,Bag,0.5\n");

        var error = Assert.Throws<InvalidDataException>(() => PredictionsCsv.Read(path));

        Assert.Contains("record 4", error.Message);
    }

    [Fact]
    public void Report_WritesThePredictions_AndRemovesAnEarlierRunsWhenItHasNone()
    {
        var folder = TestPaths.NewTempFolder();
        var metrics = new ClassifierMetrics
        {
            Classes = ["Bag", "Sandal", "Shirt", "T-shirt/top"], ConfusionMatrix = [[1, 1, 0, 0], [0, 0, 0, 0], [0, 0, 0, 1], [0, 0, 0, 0]],
            PerClassLogLoss = [0.1, 0, 0.5, 0], TestImages = 3, Predictions = Predictions,
        };

        MarkdownReport.WriteAll(folder, "with predictions", metrics);
        var written = PredictionsCsv.Read(Path.Combine(folder, PredictionsCsv.FileName));
        MarkdownReport.WriteAll(folder, "metrics read back, without them", metrics with { Predictions = [] });

        Assert.Equal(Predictions, written);
        Assert.False(File.Exists(Path.Combine(folder, PredictionsCsv.FileName)));
    }
}
