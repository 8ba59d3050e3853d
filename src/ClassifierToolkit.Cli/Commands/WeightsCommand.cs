using System.CommandLine;
using ClassifierToolkit.Torch.Weights;
using ClassifierToolkit.Weights;
using Spectre.Console;

namespace ClassifierToolkit.Cli.Commands;

/// <summary><c>ctk weights export &lt;model.zip&gt; &lt;out.safetensors&gt; [--dtype f32|f16|bf16]</c>: a saved model's weights as a safetensors file.</summary>
internal static class WeightsCommand
{
    private static readonly Dictionary<string, SafetensorsDType> DTypes = new(StringComparer.Ordinal)
    {
        ["f32"] = SafetensorsDType.F32,
        ["f16"] = SafetensorsDType.F16,
        ["bf16"] = SafetensorsDType.BF16,
    };

    public static Command Create()
    {
        var model = new Argument<string>("model") { Description = "A classifier .zip saved by ctk train" };
        var output = new Argument<string>("output") { Description = "The .safetensors file to write" };
        var dtype = new Option<string>("--dtype") { Description = "How values are stored: f32 (exact), f16 or bf16 (half the size)", DefaultValueFactory = _ => "f32" };
        dtype.AcceptOnlyFromAmong([.. DTypes.Keys]);
        var export = new Command("export", "Write a saved model's weights (named as in the TorchSharp module) and metadata as a safetensors file.")
            { model, output, dtype };
        export.SetAction(parse =>
        {
            var (modelPath, outputPath) = (parse.GetValue(model)!, parse.GetValue(output)!);
            if (Path.GetFullPath(modelPath) == Path.GetFullPath(outputPath))
                throw new UsageException($"The output '{outputPath}' is the model itself; give another file name, such as model.safetensors.");
            var weights = ToolkitModelWeights.Read(modelPath);
            var storage = DTypes[parse.GetValue(dtype)!];
            SafetensorsFile.Write(outputPath, weights, storage, weights.Metadata);
            long values = weights.Values.Sum(t => t.ElementCount);
            AnsiConsole.MarkupLineInterpolated(
                $"Wrote {weights.Count} tensors ({values:N0} values as {storage}, {new FileInfo(outputPath).Length:N0} bytes) to [bold]{Path.GetFullPath(outputPath)}[/]");
            return CtkApp.Success;
        });
        return new Command("weights", "Model weights as files other tools read.") { export };
    }
}
