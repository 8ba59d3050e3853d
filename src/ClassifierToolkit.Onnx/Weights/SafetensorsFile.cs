using System.Buffers;
using System.Buffers.Binary;
using ClassifierToolkit.IO;

namespace ClassifierToolkit.Weights;

/// <summary>
/// Reads and writes the safetensors format (Hugging Face's weights files): an 8-byte little-endian header length N,
/// N bytes of JSON describing each tensor's dtype, shape and byte range, then the tensors' little-endian bytes.
/// </summary>
internal static class SafetensorsFile
{
    // Tensors are converted through a buffer of this many bytes, so no tensor's raw bytes are held whole next to its floats.
    private const int ChunkBytes = 1 << 20;

    /// <summary>
    /// Reads every tensor as float32. F32, F16 and BF16 tensors are converted; tensors whose name ends with
    /// <c>num_batches_tracked</c> (PyTorch's BatchNorm counters, stored as I64) are skipped.
    /// </summary>
    /// <param name="path">The <c>.safetensors</c> file.</param>
    /// <returns>The tensors in file order, with the header's <c>__metadata__</c> as <see cref="WeightSet.Metadata"/>.</returns>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="InvalidDataException">
    /// The file is truncated or malformed, or holds a tensor of another dtype (I64, F64, U8, BOOL, ...); the message names
    /// the file and the tensor.
    /// </exception>
    public static WeightSet Read(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"Safetensors file '{path}' does not exist.", path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 4096, FileOptions.SequentialScan);
        var header = ReadHeader(stream, path);
        long bufferStart = stream.Position;
        var tensors = new Dictionary<string, WeightTensor>(StringComparer.Ordinal);
        var readable = new List<(SafetensorsEntry Entry, SafetensorsDType DType)>();
        // Every dtype is checked before any data is read, so an unusable file fails at once.
        foreach (var entry in header.Entries)
        {
            if (entry.Name.EndsWith("num_batches_tracked", StringComparison.Ordinal)) continue;
            var dtype = SafetensorsValues.Readable(entry.DType)
                ?? throw new InvalidDataException($"Safetensors file '{path}': tensor '{entry.Name}' has dtype {entry.DType}, which does not convert to " +
                    $"float32 weights; only F32, F16 and BF16 tensors (and I64 'num_batches_tracked' counters, which are skipped) can be read.");
            if (entry.ByteLength / SafetensorsValues.SizeOf(dtype) > Array.MaxLength)
                throw new InvalidDataException($"Safetensors file '{path}': tensor '{entry.Name}' has more elements than one array can hold.");
            readable.Add((entry, dtype));
        }
        var chunk = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        try
        {
            foreach (var (entry, dtype) in readable)
            {
                stream.Position = bufferStart + entry.Begin;
                tensors.Add(entry.Name, new WeightTensor(entry.Shape, ReadValues(stream, dtype, entry.ByteLength, chunk)));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
        return new WeightSet(path, tensors, header.Metadata);
    }

    /// <summary>
    /// Writes <paramref name="tensors"/> atomically (a reader never sees half a file), in name order with contiguous data,
    /// converted to <paramref name="dtype"/>; the header is padded with spaces to a multiple of 8 bytes.
    /// </summary>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="tensors">The tensors by name.</param>
    /// <param name="dtype">How the values are stored: F32 exactly, F16 or BF16 rounded to nearest even.</param>
    /// <param name="metadata">Strings stored as the header's <c>__metadata__</c>; none if null or empty.</param>
    /// <exception cref="ArgumentException">A tensor is null or its name is empty or <c>__metadata__</c>.</exception>
    public static void Write(string path, IReadOnlyDictionary<string, WeightTensor> tensors, SafetensorsDType dtype = SafetensorsDType.F32,
        IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(tensors);
        if (!Enum.IsDefined(dtype)) throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "Use F32, F16 or BF16.");
        var entries = new List<(SafetensorsEntry Entry, WeightTensor Tensor)>(tensors.Count);
        long offset = 0;
        foreach (var (name, tensor) in tensors.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (string.IsNullOrEmpty(name) || name == SafetensorsHeader.MetadataKey)
                throw new ArgumentException($"'{name}' cannot name a tensor in a safetensors file (it is empty or reserved for the metadata).", nameof(tensors));
            if (tensor is null) throw new ArgumentException($"Tensor '{name}' is null.", nameof(tensors));
            long length = tensor.ElementCount * SafetensorsValues.SizeOf(dtype);
            entries.Add((new SafetensorsEntry(name, SafetensorsValues.NameOf(dtype), tensor.Shape, offset, offset + length), tensor));
            offset += length;
        }
        var header = SafetensorsHeader.Serialize(entries.Select(e => e.Entry), metadata);
        AtomicFile.Write(path, temporary =>
        {
            using var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None);
            Span<byte> length = stackalloc byte[8];
            BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)header.Length);
            stream.Write(length);
            stream.Write(header);
            WriteValues(stream, dtype, entries.Select(e => e.Tensor));
        });
    }

    private static SafetensorsHeader ReadHeader(FileStream stream, string path)
    {
        long fileLength = stream.Length;
        if (fileLength < 8)
            throw new InvalidDataException($"Safetensors file '{path}' is {fileLength} bytes long; it must start with an 8-byte header length, " +
                "so it is truncated or not a safetensors file.");
        Span<byte> lengthBytes = stackalloc byte[8];
        stream.ReadExactly(lengthBytes);
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(lengthBytes);
        if (headerLength > (ulong)(fileLength - 8))
            throw new InvalidDataException($"Safetensors file '{path}' declares a {headerLength}-byte header, but only {fileLength - 8} bytes follow " +
                "the length; the file is truncated or not a safetensors file.");
        if (headerLength > int.MaxValue)
            throw new InvalidDataException($"Safetensors file '{path}' declares a {headerLength}-byte header, larger than any real header; the file is damaged.");
        var json = new byte[headerLength];
        stream.ReadExactly(json);
        return SafetensorsHeader.Parse(json, path, fileLength - 8 - (long)headerLength);
    }

    private static float[] ReadValues(Stream stream, SafetensorsDType dtype, long byteLength, byte[] chunk)
    {
        int size = SafetensorsValues.SizeOf(dtype);
        var values = new float[byteLength / size];
        int elementsPerChunk = chunk.Length / size;
        for (int start = 0; start < values.Length; start += elementsPerChunk)
        {
            int count = Math.Min(elementsPerChunk, values.Length - start);
            var bytes = chunk.AsSpan(0, count * size);
            stream.ReadExactly(bytes);
            SafetensorsValues.Decode(dtype, bytes, values.AsSpan(start, count));
        }
        return values;
    }

    private static void WriteValues(Stream stream, SafetensorsDType dtype, IEnumerable<WeightTensor> tensors)
    {
        int size = SafetensorsValues.SizeOf(dtype);
        var chunk = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        try
        {
            int elementsPerChunk = chunk.Length / size;
            foreach (var tensor in tensors)
                for (int start = 0; start < tensor.Values.Length; start += elementsPerChunk)
                {
                    int count = Math.Min(elementsPerChunk, tensor.Values.Length - start);
                    var bytes = chunk.AsSpan(0, count * size);
                    SafetensorsValues.Encode(dtype, tensor.Values.AsSpan(start, count), bytes);
                    stream.Write(bytes);
                }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }
}
