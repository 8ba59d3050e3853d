using ClassifierToolkit.Data;
using ClassifierToolkit.Prediction;
using ClassifierToolkit.Tests.Support;

namespace ClassifierToolkit.Tests.Cli;

[Collection(ChildProcessTests.Name)]
public class EnsembleCommandTests(ShippedModelFixture model) : IClassFixture<ShippedModelFixture>
{
    [Fact]
    public void Ensemble_TwoModelsWeightedWithTta_WritesAModelAndPrintsMembersWeightsAndSize()
    {
        var folder = TestPaths.NewTempFolder();
        var other = EnsembleMembers.Perturbed(model.ModelPath, Path.Combine(folder, "other.zip"), seed: 5);
        var output = Path.Combine(folder, "ensemble.zip");

        var result = CtkProcess.Run("ensemble", model.ModelPath, other, "-o", output, "--weights", "3,1", "--tta");

        Assert.True(result.ExitCode == 0, result.Error + result.Output);
        Assert.Contains($"0.750  {model.ModelPath}", result.Output);
        Assert.Contains($"0.250  {other}", result.Output);
        Assert.Contains("Test-time augmentation: horizontal flip", result.Output);
        Assert.Contains($"Size: {new FileInfo(output).Length:N0} bytes", result.Output);
        using var ensemble = ImageClassifier.Load(output);
        Assert.Equal(FashionMnist.ClassNames, ensemble.ClassNames);
        Assert.Equal("hflip", ensemble.Metadata["ctk.ensemble.tta"]);
        var accuracy = model.TestFiles.Count(f => ensemble.Predict(f.ImagePath).PredictedLabel == f.Label) / (double)model.TestFiles.Count;
        Assert.InRange(accuracy, 0.5, 1.0);
    }

    [Theory]
    [InlineData(2, "0.5,x", "--weights takes numbers separated by commas, such as 0.5,0.3,0.2; 'x' is not a number.")]
    [InlineData(1, "1,2,3", "3 weights for 2 members")]
    public void Ensemble_BadWeights_ExitsWithOneClearLineAndWritesNothing(int exitCode, string weights, string expected)
    {
        var output = Path.Combine(TestPaths.NewTempFolder(), "ensemble.zip");

        var result = CtkProcess.Run("ensemble", model.ModelPath, model.ModelPath, "-o", output, "--weights", weights);

        Assert.True(exitCode == result.ExitCode, $"exit {result.ExitCode}, expected {exitCode}: {result.Error}");
        Assert.Contains(expected, result.Error);
        Assert.DoesNotContain("   at ", result.Error);
        Assert.False(File.Exists(output));
    }
}
