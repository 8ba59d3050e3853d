using System.Reflection;
using ClassifierToolkit.Preprocessing;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using Microsoft.ML.Trainers;

namespace ClassifierToolkit.Prediction;

/// <summary>
/// Turns an exported network (ONNX bytes: <c>Pixels</c> → <c>Logits</c>) into a saveable ML.NET transformer chain
/// made only of ML.NET's own components, so any app loads it with <c>mlContext.Model.Load</c>:
/// <list type="number">
/// <item><c>ApplyOnnxModel</c> computes the logits (ML.NET stores the ONNX bytes in the .zip);</item>
/// <item>ML.NET's multiclass scorer over an identity softmax head turns them into <c>Score</c> (probabilities,
/// class names as slot names) and a key <c>PredictedLabel</c>;</item>
/// <item><c>MapKeyToValue</c> makes <c>PredictedLabel</c> the class name.</item>
/// </list>
/// Why the scorer: ML.NET cannot attach slot names to an ONNX output or reduce it to a scalar label with public
/// transforms (its ONNX scalar outputs fail at run time), but its own scorer does both and is saveable.
/// The identity head's constructors are internal, so they are reached by reflection; a test pins this.
/// </summary>
internal static class ServingChain
{
    /// <summary>Builds the chain that maps <c>Pixels</c> to <c>Score</c> and <c>PredictedLabel</c>.</summary>
    public static ITransformer Create(MLContext mlContext, byte[] onnxModel, IReadOnlyList<string> classNames, InputShape shape)
    {
        ArgumentNullException.ThrowIfNull(onnxModel);
        if (classNames.Count < 2)
            throw new ArgumentException($"A classifier needs at least two classes; got {classNames.Count}.", nameof(classNames));
        var pixelsSchema = PixelsSchema(mlContext, shape, classNames);
        var onnx = mlContext.Transforms.ApplyOnnxModel([ColumnNames.Logits], [ColumnNames.Pixels], new MemoryStream(onnxModel))
            .Fit(pixelsSchema);
        var logitsData = onnx.Transform(pixelsSchema);
        var head = CreateSoftmaxHead(mlContext, classNames, logitsData.Schema);
        var toName = mlContext.Transforms.Conversion.MapKeyToValue(ColumnNames.PredictedLabel).Fit(head.Transform(logitsData));
        var dropLogits = mlContext.Transforms.DropColumns(ColumnNames.Logits).Fit(toName.Transform(head.Transform(logitsData)));
        return new TransformerChain<ITransformer>(onnx, head, toName, dropLogits);
    }

    // An empty view with Label as a key over the class names (the scorer reads class names from it) and Pixels.
    private static IDataView PixelsSchema(MLContext mlContext, InputShape shape, IReadOnlyList<string> classNames)
    {
        var schema = SchemaDefinition.Create(typeof(PixelsRow));
        schema[nameof(PixelsRow.Pixels)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, shape.PixelPlanes, shape.Height, shape.Width);
        var empty = mlContext.Data.LoadFromEnumerable(Array.Empty<PixelsRow>(), schema);
        var keyData = mlContext.Data.LoadFromEnumerable(classNames.Select(name => new LabelRow { Label = name }));
        return mlContext.Transforms.Conversion.MapValueToKey(ColumnNames.Label, keyData: keyData).Fit(empty).Transform(empty);
    }

    private static ITransformer CreateSoftmaxHead(MLContext mlContext, IReadOnlyList<string> classNames, DataViewSchema schema)
    {
        int classes = classNames.Count;
        var weights = Enumerable.Range(0, classes).Select(k =>
        {
            var row = new float[classes];
            row[k] = 1f;
            return new VBuffer<float>(classes, row);
        }).ToArray();
        const BindingFlags internalInstance = BindingFlags.NonPublic | BindingFlags.Instance;
        var modelConstructor = typeof(MaximumEntropyModelParameters).GetConstructors(internalInstance)
            .Single(c => c.GetParameters() is { Length: 7 } p && p[1].ParameterType == typeof(VBuffer<float>[]));
        var model = (MaximumEntropyModelParameters)modelConstructor.Invoke(
            [(IHostEnvironment)mlContext, weights, new float[classes], classes, classes, classNames.ToArray(), null]);
        var transformerConstructor = typeof(MulticlassPredictionTransformer<MaximumEntropyModelParameters>).GetConstructors(internalInstance)
            .Single(c => c.GetParameters().Length == 7);
        return (ITransformer)transformerConstructor.Invoke(
            [(IHostEnvironment)mlContext, model, schema, ColumnNames.Logits, ColumnNames.Label, ColumnNames.Score, ColumnNames.PredictedLabel]);
    }

    private sealed class PixelsRow
    {
        public string Label { get; set; } = "";
        public float[] Pixels { get; set; } = [];
    }

    private sealed class LabelRow
    {
        public string Label { get; set; } = "";
    }
}
