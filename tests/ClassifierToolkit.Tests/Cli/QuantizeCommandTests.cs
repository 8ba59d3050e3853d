using ClassifierToolkit.Data;
using ClassifierToolkit.Prediction;
using ClassifierToolkit.Tests.Support;

namespace ClassifierToolkit.Tests.Cli;

[Collection(ChildProcessTests.Name)]
public class QuantizeCommandTests(ShippedModelFixture model) : IClassFixture<ShippedModelFixture>
{
    [Fact]
    public void Quantize_CalibrationFolder_WritesAnInt8ModelAndReportsAgreement()
    {
        var folder = TestPaths.NewTempFolder();
        PngExporter.Export(SampleData.Train.Take(120), Path.Combine(folder, "calibration"));
        var output = Path.Combine(folder, "model-int8.zip");

        var result = CtkProcess.Run("quantize", model.ModelPath, "--calibration", Path.Combine(folder, "calibration"), "--count", "100", "-o", output);

        Assert.True(result.ExitCode == 0, result.Error + result.Output);
        Assert.Contains("Quantized 3 nodes (conv2, fc1, fc2) on 100 calibration images.", result.Output);
        Assert.Contains("Kept in float: conv1", result.Output);
        Assert.Matches(@"Top-1 agreement with the fp32 model on the calibration images: (9[5-9]|100)\.\d\d ?%", result.Output);
        using var int8 = ImageClassifier.Load(output);
        Assert.Equal(FashionMnist.ClassNames, int8.ClassNames);
    }

    [Theory]
    [InlineData(1, "/no/such/folder", "Folder '/no/such/folder' does not exist")]
    [InlineData(2, "fashion-mnist", "--count must be at least 1")]
    public void Quantize_UserError_ExitsWithOneClearLineAndWritesNothing(int exitCode, string calibration, string expected)
    {
        var output = Path.Combine(TestPaths.NewTempFolder(), "model-int8.zip");
        var count = expected.StartsWith("--count") ? "0" : "10";

        var result = CtkProcess.Run("quantize", model.ModelPath, "--calibration", calibration, "--count", count, "-o", output);

        Assert.True(exitCode == result.ExitCode, $"exit {result.ExitCode}, expected {exitCode}: {result.Error}");
        Assert.Contains(expected, result.Error);
        Assert.DoesNotContain("   at ", result.Error);
        Assert.False(File.Exists(output));
    }
}
