using System.CommandLine;
using ClassifierToolkit.Cli.Data;
using ClassifierToolkit.Data;
using ClassifierToolkit.Data.Sources;
using ClassifierToolkit.Onnx.Quantization;
using ClassifierToolkit.Prediction;
using Spectre.Console;

namespace ClassifierToolkit.Cli.Commands;

/// <summary>
/// <c>ctk quantize &lt;model.zip&gt; --calibration fashion-mnist|&lt;folder&gt; -o &lt;model-int8.zip&gt;</c>: static int8 quantization
/// of a saved model, calibrated on images like those it will see, with the weight range that suits this CPU (<c>--weights</c>);
/// reports how often the int8 model agrees with fp32 on them.
/// </summary>
internal static class QuantizeCommand
{
    public static Command Create()
    {
        var model = new Argument<string>("model") { Description = "A classifier .zip saved by ctk train" };
        var calibration = new Option<string>("--calibration") { Description = "'fashion-mnist' (its training split) or a folder of images (sub-folders allowed)", Required = true };
        var count = new Option<int>("--count") { Description = "Calibration images, drawn at random (seeded) from the data", DefaultValueFactory = _ => 500 };
        var output = new Option<string>("--output", "-o") { Description = "The int8 model .zip to write", Required = true };
        var dataDir = new Option<string?>("--data-dir") { Description = "Folder holding the Fashion-MNIST IDX files" };
        var weights = new Option<string>("--weights")
        {
            Description = "Weight range: 'auto' (8-bit with VNNI, 7-bit without, so ONNX Runtime's AVX2 kernels cannot saturate), 'full' (8-bit) or 'reduced' (7-bit)",
            DefaultValueFactory = _ => "auto",
        };
        weights.AcceptOnlyFromAmong("auto", "full", "reduced");
        var command = new Command("quantize", "Quantize a saved model's network to int8 (QDQ, per-channel weights), calibrated on sample images.")
            { model, calibration, count, output, dataDir, weights };
        command.SetAction(parse =>
        {
            var (modelPath, outputPath, wanted) = (parse.GetValue(model)!, parse.GetValue(output)!, parse.GetValue(count));
            if (wanted < 1) throw new UsageException($"--count must be at least 1; got {wanted}.");
            var images = CalibrationImages(parse.GetValue(calibration)!, wanted, parse.GetValue(dataDir));
            Int8WeightRange? range = parse.GetValue(weights) switch { "full" => Int8WeightRange.Full, "reduced" => Int8WeightRange.Reduced, _ => null };
            var quantized = ModelQuantizer.QuantizeFile(modelPath, images, outputPath, range);
            AnsiConsole.MarkupLineInterpolated($"Quantized {quantized.QuantizedNodes.Count} nodes ({string.Join(", ", quantized.QuantizedNodes)}) on {quantized.CalibrationImages:N0} calibration images.");
            AnsiConsole.MarkupLineInterpolated($"Weights: {quantized.WeightRangeReason}.");
            if (quantized.Warning is { } warning) AnsiConsole.MarkupLineInterpolated($"[yellow]warning:[/] {warning}");
            if (quantized.FloatNodes.Count > 0)
                AnsiConsole.MarkupLineInterpolated($"Kept in float: {string.Join(", ", quantized.FloatNodes)} (a grey stem runs faster in fp32 than in int8).");
            AnsiConsole.MarkupLineInterpolated($"Size: {new FileInfo(modelPath).Length:N0} → {new FileInfo(outputPath).Length:N0} bytes.");
            AnsiConsole.MarkupLineInterpolated($"Top-1 agreement with the fp32 model on the calibration images: {Agreement(modelPath, outputPath, images):P2}");
            AnsiConsole.MarkupLineInterpolated($"Wrote [bold]{Path.GetFullPath(outputPath)}[/] (check accuracy with: ctk evaluate {outputPath} --data <test data>)");
            return CtkApp.Success;
        });
        return command;
    }

    // --calibration names a data source or a folder of pictures like those the model will see.
    private static IReadOnlyList<ImageData> CalibrationImages(string calibration, int count, string? dataDir)
    {
        var (source, request) = DataArgument.Resolve(calibration, dataDir);
        return source.TrainingImages(request, count).Select(ImageData.FromFile).ToList();
    }

    private static double Agreement(string fp32Path, string int8Path, IReadOnlyList<ImageData> images)
    {
        using var fp32 = ImageClassifier.Load(fp32Path);
        using var int8 = ImageClassifier.Load(int8Path);
        var pixels = fp32.Preprocess(images);
        var a = fp32.PredictPixels(pixels, images.Count);
        var b = int8.PredictPixels(pixels, images.Count);
        return a.Zip(b).Count(p => p.First.PredictedLabel == p.Second.PredictedLabel) / (double)images.Count;
    }
}
