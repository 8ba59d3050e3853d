using System.Runtime.InteropServices;
using ClassifierToolkit.Onnx;
using ClassifierToolkit.Onnx.Proto;
using ClassifierToolkit.Pipelines;
using ClassifierToolkit.Prediction;
using ClassifierToolkit.Preprocessing;
using Google.Protobuf;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace ClassifierToolkit.Tests.Support;

/// <summary>Models to combine with a trained one, made without training: its network with noisy weights, its network
/// saved with other class names or preprocessing, and a tiny network of another input size.</summary>
internal static class EnsembleMembers
{
    /// <summary>A copy of <paramref name="modelPath"/> whose every float weight is scaled by 1 ± up to
    /// <paramref name="noise"/>: a second member that disagrees a little, with the same classes and preprocessing.</summary>
    public static string Perturbed(string modelPath, string outputPath, int seed, double noise = 0.5)
    {
        var zip = File.ReadAllBytes(modelPath);
        var model = ModelProto.Parser.ParseFrom(ModelArchive.ReadOnnx(zip, modelPath));
        var random = new Random(seed);
        foreach (var tensor in model.Graph.Initializer.Where(t => t.DataType == (int)TensorProto.Types.DataType.Float && t.HasRawData))
        {
            var values = MemoryMarshal.Cast<byte, float>(tensor.RawData.Span).ToArray();
            for (int i = 0; i < values.Length; i++) values[i] *= (float)(1 + noise * (2 * random.NextDouble() - 1));
            tensor.RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(values.AsSpan()));
        }
        File.WriteAllBytes(outputPath, ModelArchive.WithOnnx(zip, model.ToByteArray(), modelPath));
        return outputPath;
    }

    /// <summary><paramref name="onnx"/> saved as a toolkit classifier with the given classes, input and resize.</summary>
    public static string Saved(byte[] onnx, IReadOnlyList<string> classNames, InputShape shape, string outputPath, ResizeKind resize = ResizeKind.Stretch)
    {
        var mlContext = new MLContext(1);
        var model = new TransformerChain<ITransformer>(ImagePreprocessing.Fit(mlContext, shape, resize), ServingChain.Create(mlContext, onnx, classNames, shape));
        SavedClassifier.Save(mlContext, model, outputPath);
        return outputPath;
    }

    /// <summary>A linear classifier over <paramref name="shape"/>'s pixels (Flatten, Gemm): any network of that input.</summary>
    public static byte[] TinyNetwork(InputShape shape, int classCount)
    {
        var graph = new OnnxGraphBuilder();
        graph.AddInput(ColumnNames.Pixels, null, shape.PixelPlanes, shape.Height, shape.Width);
        var random = new Random(3);
        var weights = graph.AddInitializer("w", [.. Enumerable.Range(0, shape.PixelValues * classCount).Select(_ => (float)random.NextDouble() - 0.5f)], shape.PixelValues, classCount);
        var bias = graph.AddInitializer("b", new float[classCount], classCount);
        var flat = graph.AddNode("Flatten", [ColumnNames.Pixels], "flat", OnnxAttribute.Int("axis", 1));
        graph.AddNode("Gemm", [flat, weights, bias], ColumnNames.Logits);
        graph.AddOutput(ColumnNames.Logits, OnnxElementType.Float, null, classCount);
        return graph.ToBytes();
    }

    /// <summary><paramref name="pixels"/> (planes of rows <paramref name="width"/> values wide, back to back) with every row
    /// reversed: the pictures flipped left to right.</summary>
    public static float[] FlippedHorizontally(float[] pixels, int width)
    {
        var flipped = new float[pixels.Length];
        for (int row = 0; row < pixels.Length / width; row++)
            for (int x = 0; x < width; x++)
                flipped[row * width + x] = pixels[row * width + width - 1 - x];
        return flipped;
    }
}
