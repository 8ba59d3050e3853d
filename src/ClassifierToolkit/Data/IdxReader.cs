using System.Buffers.Binary;
using System.IO.Compression;

namespace ClassifierToolkit.Data;

/// <summary>Images read from an IDX3 file: <paramref name="Pixels"/> holds count × height × width bytes.</summary>
public sealed record IdxImages(byte[] Pixels, int Height, int Width);

/// <summary>Reads IDX files (the MNIST family's format), gzip-compressed or plain.</summary>
public static class IdxReader
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

    private static (int[] Dims, byte[] Data) Read(string path, int expectedRank)
    {
        using var file = File.OpenRead(path);
        using Stream stream = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : file;
        Span<byte> word = stackalloc byte[4];
        try
        {
            stream.ReadExactly(word);
            if (word[0] != 0 || word[1] != 0 || word[2] != UnsignedByteType)
                throw new InvalidDataException($"'{path}' is not an unsigned-byte IDX file (magic {Convert.ToHexString(word)}).");
            if (word[3] != expectedRank)
                throw new InvalidDataException($"'{path}' has {word[3]} dimensions; expected {expectedRank}.");
            var dims = new int[expectedRank];
            for (int i = 0; i < expectedRank; i++)
            {
                stream.ReadExactly(word);
                dims[i] = BinaryPrimitives.ReadInt32BigEndian(word);
            }
            var data = new byte[dims.Aggregate(1L, (a, b) => a * b)];
            stream.ReadExactly(data);
            return (dims, data);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException($"'{path}' is truncated: it ends before the data its header declares.", e);
        }
    }
}
