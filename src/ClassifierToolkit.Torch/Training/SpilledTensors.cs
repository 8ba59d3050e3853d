using System.Runtime.InteropServices;
using static TorchSharp.torch;

namespace ClassifierToolkit.Torch.Training;

/// <summary>
/// Images kept in a temporary file instead of memory, read back a batch at a time (any order) for data sets larger than the
/// trainer's memory limit; the labels stay in memory. The file is deleted when this is disposed, or when the process ends.
/// </summary>
internal sealed class SpilledTensors : ILabeledTensors
{
    private readonly FileStream _file;
    private readonly long[] _imageShape;
    private readonly int _imageSize;

    private SpilledTensors(FileStream file, long[] imageShape, Tensor labels)
    {
        _file = file;
        _imageShape = imageShape;
        _imageSize = (int)imageShape.Aggregate(1L, (a, b) => a * b);
        Labels = labels;
    }

    /// <summary>Writes <paramref name="chunks"/> (disposing each once written) to a new file in <paramref name="folder"/>.</summary>
    public static SpilledTensors Write(IEnumerable<TensorDataset> chunks, string folder)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"ctk-images-{Guid.NewGuid():N}.f32");
        var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 20,
            FileOptions.DeleteOnClose | FileOptions.RandomAccess);
        try
        {
            long[]? imageShape = null;
            var labels = new List<long>();
            foreach (var chunk in chunks)
                using (chunk)
                {
                    imageShape ??= chunk.Pixels.shape[1..];
                    if (!chunk.Pixels.shape[1..].SequenceEqual(imageShape))
                        throw new ArgumentException($"Images shaped {string.Join("x", chunk.Pixels.shape[1..])} after images shaped {string.Join("x", imageShape)}.", nameof(chunks));
                    using var pixels = chunk.Pixels.contiguous();
                    file.Write(pixels.bytes);
                    labels.AddRange(chunk.Labels.data<long>().ToArray());
                }
            file.Flush();
            return new SpilledTensors(file, imageShape ?? [0, 0, 0], tensor(labels.ToArray()));
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public int Count => (int)Labels.shape[0];

    /// <inheritdoc />
    public Tensor Labels { get; }

    /// <summary>The file the pixels are in (gone once this is disposed).</summary>
    public string FilePath => _file.Name;

    /// <inheritdoc />
    public Tensor PixelsAt(Tensor indices)
    {
        var rows = indices.data<long>().ToArray();
        var pixels = new float[rows.Length * _imageSize];
        for (int i = 0; i < rows.Length; i++) ReadImages(rows[i], pixels.AsSpan(i * _imageSize, _imageSize));
        return tensor(pixels, [rows.Length, .. _imageShape]);
    }

    /// <inheritdoc />
    public Tensor PixelsIn(long start, long length)
    {
        var pixels = new float[checked((int)length * _imageSize)];
        ReadImages(start, pixels);
        return tensor(pixels, [length, .. _imageShape]);
    }

    // Reads consecutive images from image index `first` into `into`, whose length says how many.
    private void ReadImages(long first, Span<float> into)
    {
        var bytes = MemoryMarshal.AsBytes(into);
        long offset = first * _imageSize * sizeof(float);
        while (bytes.Length > 0)
        {
            int read = RandomAccess.Read(_file.SafeFileHandle, bytes, offset);
            if (read == 0) throw new EndOfStreamException($"The spilled images file '{_file.Name}' ended early: was it changed by another program?");
            bytes = bytes[read..];
            offset += read;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _file.Dispose();
        Labels.Dispose();
    }
}
