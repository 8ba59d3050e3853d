using System.Buffers.Binary;
using System.IO.Compression;

namespace ClassifierToolkit.Data;

/// <summary>Images read from an IDX3 file: <paramref name="Pixels"/> holds count × height × width bytes.</summary>
internal sealed record IdxImages(byte[] Pixels, int Height, int Width);

/// <summary>Reads IDX files (the MNIST family's format), gzip-compressed or plain.</summary>
internal static class IdxReader
{
    private const int UnsignedByteType = 0x08;

    /// <summary>Reads an IDX3 image file.</summary>
    /// <exception cref="InvalidDataException">The file is not IDX3, or is truncated or corrupt.</exception>
    public static IdxImages ReadImages(string path)
    {
        var (dims, data) = Read(path, expectedRank: 3);
        return new IdxImages(data, dims[1], dims[2]);
    }

    /// <summary>Reads an IDX1 label file.</summary>
    /// <exception cref="InvalidDataException">The file is not IDX1, or is truncated or corrupt.</exception>
    public static int[] ReadLabels(string path) => Read(path, expectedRank: 1).Data.Select(b => (int)b).ToArray();

    /// <summary>The number of items (images or labels) an IDX file declares, read from its header alone.</summary>
    /// <exception cref="InvalidDataException">The file is not an unsigned-byte IDX file, or its header is truncated.</exception>
    public static int ReadCount(string path)
    {
        using var stream = Open(path);
        return ReadHeader(stream, path, expectedRank: null)[0];
    }

    private static (int[] Dims, byte[] Data) Read(string path, int expectedRank)
    {
        using var stream = Open(path);
        var dims = ReadHeader(stream, path, expectedRank);
        var data = new byte[dims.Aggregate(1L, (a, b) => a * b)];
        try
        {
            stream.ReadExactly(data);
        }
        catch (EndOfStreamException e)
        {
            throw Truncated(path, e);
        }
        return (dims, data);
    }

    private static Stream Open(string path)
    {
        var file = File.OpenRead(path);
        return path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : file;
    }

    // The magic word (0, 0, type, rank), then one big-endian int32 per dimension; null rank accepts any.
    private static int[] ReadHeader(Stream stream, string path, int? expectedRank)
    {
        Span<byte> word = stackalloc byte[4];
        try
        {
            stream.ReadExactly(word);
            if (word[0] != 0 || word[1] != 0 || word[2] != UnsignedByteType)
                throw new InvalidDataException($"'{path}' is not an unsigned-byte IDX file (magic {Convert.ToHexString(word)}).");
            if (expectedRank is { } rank && word[3] != rank)
                throw new InvalidDataException($"'{path}' has {word[3]} dimensions; expected {rank}.");
            var dims = new int[word[3]];
            for (int i = 0; i < dims.Length; i++)
            {
                stream.ReadExactly(word);
                dims[i] = BinaryPrimitives.ReadInt32BigEndian(word);
            }
            if (dims.Length == 0) throw new InvalidDataException($"'{path}' declares no dimensions.");
            return dims;
        }
        catch (EndOfStreamException e)
        {
            throw Truncated(path, e);
        }
    }

    private static InvalidDataException Truncated(string path, EndOfStreamException e) =>
        new($"'{path}' is truncated: it ends before the data its header declares.", e);
}
