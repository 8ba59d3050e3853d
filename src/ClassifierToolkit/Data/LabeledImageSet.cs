using ClassifierToolkit.Preprocessing;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace ClassifierToolkit.Data;

/// <summary>
/// Images held in memory as bytes (channels × height × width per image, values 0–255) with class indices.
/// This is how IDX data sets arrive; <see cref="ToDataView"/> turns them into the same <c>Pixels</c>
/// column the image-file preprocessing chain produces (an alpha plane, all opaque, then the channels), so trainers see one format.
/// </summary>
public sealed class LabeledImageSet
{
    /// <summary>Creates a set; <paramref name="pixels"/> holds <c>count × channels × height × width</c> bytes.</summary>
    public LabeledImageSet(byte[] pixels, int[] labels, int channels, int height, int width, IReadOnlyList<string> classNames)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(classNames);
        if (pixels.Length != labels.Length * channels * height * width)
            throw new ArgumentException($"Expected {labels.Length} × {channels} × {height} × {width} = {labels.Length * channels * height * width} pixel bytes, got {pixels.Length}.", nameof(pixels));
        var badLabel = Array.Find(labels, label => label < 0 || label >= classNames.Count);
        if (labels.Any(label => label < 0 || label >= classNames.Count))
            throw new ArgumentException($"Labels must lie in [0, {classNames.Count - 1}] for {classNames.Count} classes; found {badLabel}.", nameof(labels));
        Pixels = pixels;
        Labels = labels;
        Channels = channels;
        Height = height;
        Width = width;
        ClassNames = classNames;
    }

    /// <summary>Raw pixel bytes, image after image.</summary>
    public byte[] Pixels { get; }
    /// <summary>Class index per image.</summary>
    public int[] Labels { get; }
    /// <summary>Channels per image (1 for grey).</summary>
    public int Channels { get; }
    /// <summary>Image height in pixels.</summary>
    public int Height { get; }
    /// <summary>Image width in pixels.</summary>
    public int Width { get; }
    /// <summary>Class names, indexed by label.</summary>
    public IReadOnlyList<string> ClassNames { get; }
    /// <summary>Number of images.</summary>
    public int Count => Labels.Length;
    /// <summary>Bytes per image.</summary>
    public int ImageSize => Channels * Height * Width;

    /// <summary>The pixel bytes of one image.</summary>
    public ReadOnlySpan<byte> ImagePixels(int index) => Pixels.AsSpan(index * ImageSize, ImageSize);

    /// <summary>A new set holding the given images, in the given order.</summary>
    public LabeledImageSet Select(IReadOnlyList<int> indices)
    {
        var pixels = new byte[indices.Count * ImageSize];
        var labels = new int[indices.Count];
        for (int i = 0; i < indices.Count; i++)
        {
            ImagePixels(indices[i]).CopyTo(pixels.AsSpan(i * ImageSize, ImageSize));
            labels[i] = Labels[indices[i]];
        }
        return new LabeledImageSet(pixels, labels, Channels, Height, Width, ClassNames);
    }

    /// <summary>The first <paramref name="count"/> images (all when <c>null</c> or larger).</summary>
    public LabeledImageSet Take(int? count) =>
        count is { } n && n < Count ? Select(Enumerable.Range(0, n).ToArray()) : this;

    /// <summary>
    /// An ML.NET view with <c>Label</c> (class name) and <c>Pixels</c> (scaled to [0, 1]): an opaque alpha plane, then the
    /// channels, as the toolkit's image preprocessing reads an opaque picture (<see cref="Preprocessing.InputShape.Alpha"/>).
    /// </summary>
    public IDataView ToDataView(MLContext mlContext)
    {
        var schema = SchemaDefinition.Create(typeof(PixelRow));
        schema[nameof(PixelRow.Pixels)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, Channels + 1, Height, Width);
        return mlContext.Data.LoadFromEnumerable(new RowCollection(this), schema);
    }

    // Rows are made as they are read, but the collection knows its count, so the view reports its row count
    // and readers can size their buffers once.
    private sealed class RowCollection(LabeledImageSet images) : ICollection<PixelRow>
    {
        public int Count => images.Count;
        public bool IsReadOnly => true;

        public IEnumerator<PixelRow> GetEnumerator()
        {
            for (int i = 0; i < images.Count; i++)
                yield return new PixelRow { Label = images.ClassNames[images.Labels[i]], Pixels = PixelScaling.OpaqueWithAlpha(images.ImagePixels(i), images.Height * images.Width) };
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
        public void CopyTo(PixelRow[] array, int arrayIndex) { foreach (var row in this) array[arrayIndex++] = row; }
        public bool Contains(PixelRow item) => throw new NotSupportedException();
        public void Add(PixelRow item) => throw new NotSupportedException();
        public bool Remove(PixelRow item) => throw new NotSupportedException();
        public void Clear() => throw new NotSupportedException();
    }

    private sealed class PixelRow
    {
        public string Label { get; set; } = "";
        public float[] Pixels { get; set; } = [];
    }
}
