using ClassifierToolkit.IO;
using ClassifierToolkit.Prediction;

namespace ClassifierToolkit.Onnx.Quantization;

/// <summary>
/// <c>ctk quantize</c>: a saved classifier <c>.zip</c> in, the same <c>.zip</c> with an int8 network out. Calibration images
/// go through the model's own preprocessing; everything in the file besides the network is kept, so any ML.NET app loads
/// the result with <c>mlContext.Model.Load</c> as before.
/// </summary>
public static class ModelQuantizer
{
    /// <summary>Images preprocessed and measured together during calibration.</summary>
    public const int CalibrationBatchSize = 64;

    /// <summary>Quantizes <paramref name="modelPath"/> into <paramref name="outputPath"/> (written atomically), with
    /// <paramref name="weightRange"/>'s weights (null: what suits this machine's CPU).</summary>
    /// <exception cref="ArgumentException">No calibration images, or the output would overwrite the model.</exception>
    /// <exception cref="FileNotFoundException">No such model or calibration image.</exception>
    /// <exception cref="InvalidDataException">Not a toolkit model, or an image that cannot be decoded; names the file.</exception>
    /// <exception cref="UnsupportedGraphException">The network has a node the quantizer cannot handle; names it.</exception>
    public static QuantizedNetwork QuantizeFile(string modelPath, IReadOnlyList<ImageData> calibration, string outputPath, Int8WeightRange? weightRange = null)
    {
        ArgumentNullException.ThrowIfNull(calibration);
        if (calibration.Count == 0)
            throw new ArgumentException("No calibration images: give a few hundred images like those the model will see.", nameof(calibration));
        if (Path.GetFullPath(modelPath) == Path.GetFullPath(outputPath))
            throw new ArgumentException($"The output '{outputPath}' is the model itself; write the int8 model to another file, such as model-int8.zip.", nameof(outputPath));
        var zip = ImageClassifier.ReadModelFile(modelPath);
        using var classifier = ImageClassifier.FromBytes(zip, new ImageClassifier.Options { ModelPath = modelPath });
        IEnumerable<(float[] Pixels, int Count)> Batches()
        {
            for (int start = 0; start < calibration.Count; start += CalibrationBatchSize)
            {
                var batch = calibration.Skip(start).Take(CalibrationBatchSize).ToList();
                yield return (classifier.Preprocess(batch), batch.Count);
            }
        }
        var quantized = Int8Quantizer.Quantize(ModelArchive.ReadOnnx(zip, modelPath), Batches(), [classifier.PixelPlanes, classifier.Height, classifier.Width], weightRange);
        var output = ModelArchive.WithOnnx(zip, quantized.OnnxModel, modelPath);
        AtomicFile.Write(outputPath, temporary => File.WriteAllBytes(temporary, output));
        return quantized;
    }
}
