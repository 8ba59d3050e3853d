using ClassifierToolkit.Tests.Support;
using ClassifierToolkit.Torch.Weights;
using ClassifierToolkit.Weights;

namespace ClassifierToolkit.Tests.Cli;

[Collection(ChildProcessTests.Name)]
public class WeightsCommandTests(ShippedModelFixture model) : IClassFixture<ShippedModelFixture>
{
    private static string NewPath(string file) => Path.Combine(TestPaths.NewTempFolder(), file);

    [Fact]
    public void WeightsExport_TrainedModel_WritesItsWeightsAndMetadata()
    {
        var output = NewPath("model.safetensors");

        var result = CtkProcess.Run("weights", "export", model.ModelPath, output);

        Assert.True(result.ExitCode == 0, result.Error + result.Output);
        var expected = ToolkitModelWeights.Read(model.ModelPath);
        var written = SafetensorsFile.Read(output);
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), written.Keys);
        foreach (var (name, tensor) in expected) Assert.Equal(tensor, written[name]);
        Assert.Equal("cnn", written.Metadata["ctk.model"]);
        Assert.Equal(expected.Metadata, written.Metadata);
        Assert.Contains($"Wrote {expected.Count} tensors", result.Output);
        Assert.Contains($"{new FileInfo(output).Length:N0} bytes", result.Output);
    }

    [Fact]
    public void WeightsExport_Bf16_HalvesTheDataAndKeepsValuesClose()
    {
        var f32 = NewPath("f32.safetensors");
        var bf16 = NewPath("bf16.safetensors");

        Assert.Equal(0, CtkProcess.Run("weights", "export", model.ModelPath, f32).ExitCode);
        var result = CtkProcess.Run("weights", "export", model.ModelPath, bf16, "--dtype", "bf16");

        Assert.True(result.ExitCode == 0, result.Error + result.Output);
        Assert.Contains("as BF16", result.Output);
        Assert.InRange(new FileInfo(bf16).Length, new FileInfo(f32).Length * 0.45, new FileInfo(f32).Length * 0.55);
        var exact = SafetensorsFile.Read(f32);
        foreach (var (name, tensor) in SafetensorsFile.Read(bf16))
            for (int i = 0; i < tensor.Values.Length; i++)
                Assert.True(Math.Abs(tensor.Values[i] - exact[name].Values[i]) <= Math.Abs(exact[name].Values[i]) / 256, $"{name}[{i}]");
    }

    [Theory]
    [InlineData(2, new[] { "weights", "export", "--dtype", "f64" }, "f64")]
    [InlineData(2, new[] { "weights", "export" }, "Required argument 'model' missing")]
    [InlineData(1, new[] { "weights", "export", "/no/such/model.zip", "out.safetensors" }, "/no/such/model.zip")]
    public void WeightsExport_UserError_ExitsWithItsClassAndOneClearLine(int exitCode, string[] args, string expected)
    {
        var result = CtkProcess.Run(args);
        Assert.True(exitCode == result.ExitCode, $"exit {result.ExitCode}, expected {exitCode}: {result.Error}");
        Assert.StartsWith("error:", result.Error.TrimStart());
        Assert.Contains(expected, result.Error);
        Assert.DoesNotContain("   at ", result.Error);
    }

    [Fact]
    public void WeightsExport_OutputIsTheModel_IsAUsageErrorAndKeepsTheModel()
    {
        var copy = NewPath("model.zip");
        File.Copy(model.ModelPath, copy);

        var result = CtkProcess.Run("weights", "export", copy, copy);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("is the model itself", result.Error);
        Assert.Equal(File.ReadAllBytes(model.ModelPath), File.ReadAllBytes(copy));
    }
}
