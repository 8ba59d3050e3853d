using ClassifierToolkit.Preprocessing;
using ClassifierToolkit.Torch.Export;
using Microsoft.ML;
using Microsoft.ML.Data;
using static TorchSharp.torch;

namespace ClassifierToolkit.Torch.Training;

/// <summary>
/// Reads the <c>Pixels</c> and <c>Label</c> columns of an <see cref="IDataView"/> into tensors: the colour the network's
/// layers see, <c>[N, C, H, W]</c>, composited onto white (<see cref="AlphaCompositing"/>) when the pixels carry an alpha plane.
/// </summary>
internal static class DataViewTensorReader
{
    /// <summary>The pixel shape of the view's <c>Pixels</c> column: a known-size float vector shaped P×H×W, P planes (see
    /// <see cref="InputShape.FromPixelPlanes"/>).</summary>
    public static (int Planes, int Height, int Width) PixelDimensions(DataViewSchema schema, string pixelsColumn)
    {
        var column = schema.GetColumnOrNull(pixelsColumn)
            ?? throw new ArgumentException($"The data has no '{pixelsColumn}' column (columns: {string.Join(", ", schema.Select(c => c.Name))}). Put image preprocessing (LoadImages → ResizeImages → ExtractPixels) before the trainer.");
        if (column.Type is not VectorDataViewType { ItemType: NumberDataViewType } vector || vector.ItemType != NumberDataViewType.Single || !vector.IsKnownSize)
            throw new ArgumentException($"Column '{pixelsColumn}' must be a known-size vector of Single; it is {column.Type}.");
        return vector.Dimensions.Length switch
        {
            3 => (vector.Dimensions[0], vector.Dimensions[1], vector.Dimensions[2]),
            _ => throw new ArgumentException($"Column '{pixelsColumn}' must be shaped channels × height × width (as ExtractPixels makes it); it is {column.Type}."),
        };
    }

    /// <summary>The distinct label values, ordinal order.</summary>
    public static IReadOnlyList<string> DistinctLabels(IDataView data, string labelColumn) =>
        data.GetColumn<string>(RequireLabel(data.Schema, labelColumn)).Distinct().Order(StringComparer.Ordinal).ToList();

    /// <summary>Reads every row; labels become indices into <paramref name="classNames"/>.</summary>
    public static TensorDataset Read(IDataView data, string pixelsColumn, string labelColumn, IReadOnlyList<string> classNames, InputShape shape) =>
        ReadChunks(data, pixelsColumn, labelColumn, classNames, shape, int.MaxValue).SingleOrDefault()
        ?? Empty(shape);

    /// <summary>
    /// Reads every row into memory when the pixels fit in <paramref name="memoryLimitBytes"/>, else into a temporary file in
    /// <paramref name="spillFolder"/> (streamed there a chunk at a time, so at most about twice the limit is ever in memory).
    /// </summary>
    public static ILabeledTensors ReadWithin(IDataView data, string pixelsColumn, string labelColumn, IReadOnlyList<string> classNames,
        InputShape shape, long memoryLimitBytes, string spillFolder)
    {
        int chunkRows = (int)Math.Clamp(memoryLimitBytes / (sizeof(float) * (long)shape.Size), 1, int.MaxValue);
        using var chunks = ReadChunks(data, pixelsColumn, labelColumn, classNames, shape, chunkRows).GetEnumerator();
        if (!chunks.MoveNext()) return Empty(shape);
        var first = chunks.Current;
        if (!chunks.MoveNext()) return first;
        IEnumerable<TensorDataset> All()
        {
            yield return first;
            do yield return chunks.Current; while (chunks.MoveNext());
        }
        return SpilledTensors.Write(All(), spillFolder);
    }

    /// <summary>
    /// Reads the rows in chunks of at most <paramref name="chunkRows"/>, one cursor pass per enumeration, so a data set
    /// larger than memory can be streamed (the caller disposes each chunk). Labels become indices into <paramref name="classNames"/>.
    /// </summary>
    public static IEnumerable<TensorDataset> ReadChunks(IDataView data, string pixelsColumn, string labelColumn, IReadOnlyList<string> classNames,
        InputShape shape, int chunkRows)
    {
        var labelIndex = classNames.Select((name, index) => (name, index)).ToDictionary(p => p.name, p => (long)p.index);
        int rowSize = shape.PixelValues;
        var pixelsCol = data.Schema[pixelsColumn];
        var labelCol = data.Schema[RequireLabel(data.Schema, labelColumn)];
        // One buffer sized from the row count when the view knows it, so pixels are copied once on the way to the tensor.
        int capacity = (int)Math.Min(chunkRows, data.GetRowCount() ?? 1024);
        var pixels = new float[checked(Math.Max(capacity, 1) * rowSize)];
        var labels = new List<long>();
        int rowsRead = 0;
        using var cursor = data.GetRowCursor([pixelsCol, labelCol]);
        var getPixels = cursor.GetGetter<VBuffer<float>>(pixelsCol);
        var getLabel = cursor.GetGetter<ReadOnlyMemory<char>>(labelCol);
        VBuffer<float> buffer = default;
        ReadOnlyMemory<char> label = default;
        while (cursor.MoveNext())
        {
            getLabel(ref label);
            var name = label.ToString();
            if (!labelIndex.TryGetValue(name, out var index))
                throw new InvalidDataException($"Label '{name}' is not one of the training classes ({string.Join(", ", classNames)}).");
            getPixels(ref buffer);
            rowsRead++;
            if (buffer.Length != rowSize)
                throw new InvalidDataException($"Row {rowsRead} has {buffer.Length} pixel values; the shape {shape.PixelPlanes}x{shape.Height}x{shape.Width} needs {rowSize}.");
            long offset = (long)labels.Count * rowSize;
            if (offset + rowSize > pixels.Length) Array.Resize(ref pixels, checked(Math.Max(pixels.Length * 2, rowSize)));
            buffer.CopyTo(pixels.AsSpan((int)offset, rowSize));
            labels.Add(index);
            if (labels.Count == chunkRows)
            {
                yield return ToDataset(pixels, labels, shape);
                labels.Clear();
                pixels = new float[pixels.Length]; // the tensor may keep the array it was made from
            }
        }
        if (labels.Count > 0) yield return ToDataset(pixels, labels, shape);
    }

    private static TensorDataset Empty(InputShape shape) => new(zeros(0, shape.Channels, shape.Height, shape.Width), zeros(0, dtype: int64));

    private static TensorDataset ToDataset(float[] pixels, List<long> labels, InputShape shape)
    {
        var exact = pixels.Length == labels.Count * shape.PixelValues ? pixels : pixels.AsSpan(0, labels.Count * shape.PixelValues).ToArray();
        var planes = tensor(exact, [labels.Count, shape.PixelPlanes, shape.Height, shape.Width]);
        if (!shape.Alpha) return new(planes, tensor(labels.ToArray()));
        using (planes) return new(AlphaCompositing.Apply(planes), tensor(labels.ToArray()));
    }

    private static string RequireLabel(DataViewSchema schema, string labelColumn)
    {
        var column = schema.GetColumnOrNull(labelColumn)
            ?? throw new ArgumentException($"The data has no '{labelColumn}' label column (columns: {string.Join(", ", schema.Select(c => c.Name))}).");
        if (column.Type is not TextDataViewType)
            throw new ArgumentException($"Label column '{labelColumn}' must hold class names (String); it is {column.Type}.");
        return labelColumn;
    }
}
