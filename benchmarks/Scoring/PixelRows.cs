using Microsoft.ML;
using Microsoft.ML.Data;

namespace Scoring;

/// <summary>Preprocessed pixels as an ML.NET view with a <c>Pixels</c> column, the scorer's input.</summary>
internal static class PixelRows
{
    /// <summary>One row per image of <paramref name="pixels"/>, each made once here, so reading the view later costs
    /// ML.NET only its own copy into a <c>VBuffer</c>: the same input the batched path gets, ready in memory.</summary>
    public static IDataView ToDataView(MLContext mlContext, float[] pixels, VectorDataViewType type)
    {
        var schema = SchemaDefinition.Create(typeof(Row));
        schema[nameof(Row.Pixels)].ColumnType = type;
        int size = type.Size;
        var rows = Enumerable.Range(0, pixels.Length / size).Select(i => new Row { Pixels = pixels.AsSpan(i * size, size).ToArray() }).ToList();
        return mlContext.Data.LoadFromEnumerable(rows, schema);
    }

    private sealed class Row
    {
        public float[] Pixels { get; set; } = [];
    }
}
