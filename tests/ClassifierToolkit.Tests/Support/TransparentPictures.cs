using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace ClassifierToolkit.Tests.Support;

/// <summary>
/// RGBA PNG files written byte for byte (8-bit RGBA, straight alpha, as the PNG format stores it), so the colour under a
/// transparent pixel is exactly what the test chose: Skia's encoder, behind <c>MLImage.Save</c>, would premultiply it away.
/// </summary>
internal static class TransparentPictures
{
    /// <summary>Straight-alpha RGBA bytes, row after row.</summary>
    public static void WritePng(string path, int width, int height, ReadOnlySpan<byte> rgba)
    {
        if (rgba.Length != width * height * 4) throw new ArgumentException($"Expected {width * height * 4} bytes, got {rgba.Length}.", nameof(rgba));
        var scanlines = new MemoryStream();
        for (int y = 0; y < height; y++)
        {
            scanlines.WriteByte(0); // filter: none
            scanlines.Write(rgba.Slice(y * width * 4, width * 4));
        }
        var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true)) scanlines.WriteTo(zlib);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bits per sample
        header[9] = 6; // colour type: RGBA
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using var file = File.Create(path);
        file.Write([137, 80, 78, 71, 13, 10, 26, 10]);
        WriteChunk(file, "IHDR", header);
        WriteChunk(file, "IDAT", compressed.ToArray());
        WriteChunk(file, "IEND", []);
    }

    /// <summary>
    /// A <paramref name="size"/>² cut-out: a coloured disc (its colours depending on <paramref name="variant"/>), a
    /// half-transparent ring around it, and a transparent background hiding <paramref name="hidden"/> (RGB) under alpha 0.
    /// </summary>
    public static byte[] CutOut(int size, (byte R, byte G, byte B) hidden, int variant = 0)
    {
        var rgba = new byte[size * size * 4];
        double centre = (size - 1) / 2.0, radius = size * 0.3;
        for (int y = 0; y < size; y++)
        for (int x = 0; x < size; x++)
        {
            double distance = Math.Sqrt((x - centre) * (x - centre) + (y - centre) * (y - centre));
            int i = (y * size + x) * 4;
            if (distance <= radius)
            {
                rgba[i] = (byte)((40 + 7 * x + 50 * variant) % 256);
                rgba[i + 1] = (byte)((200 - 5 * y + 30 * variant) % 256);
                rgba[i + 2] = (byte)((90 + 3 * (x + y) * (variant + 1)) % 256);
                rgba[i + 3] = 255;
            }
            else if (distance <= radius + 3)
            {
                (rgba[i], rgba[i + 1], rgba[i + 2], rgba[i + 3]) = ((byte)(120 + 20 * variant), 60, 30, 128);
            }
            else
            {
                (rgba[i], rgba[i + 1], rgba[i + 2], rgba[i + 3]) = (hidden.R, hidden.G, hidden.B, 0);
            }
        }
        return rgba;
    }

    /// <summary>The same cut-out twice, black hidden under its transparent pixels in one file and red in the other.</summary>
    public static (string BlackHidden, string RedHidden) WritePair(string folder, int size, int variant = 0)
    {
        var black = Path.Combine(folder, $"cut-out-{variant}-black-hidden.png");
        var red = Path.Combine(folder, $"cut-out-{variant}-red-hidden.png");
        WritePng(black, size, size, CutOut(size, (0, 0, 0), variant));
        WritePng(red, size, size, CutOut(size, (255, 0, 0), variant));
        return (black, red);
    }

    private static void WriteChunk(Stream file, string type, byte[] data)
    {
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
        file.Write(number);
        var typed = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        file.Write(typed);
        BinaryPrimitives.WriteUInt32BigEndian(number, Crc32(typed));
        file.Write(number);
    }

    // The PNG chunk checksum (ISO 3309 CRC-32, reflected polynomial 0xEDB88320), bit by bit: test files are small.
    private static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        uint crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++) crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
        }
        return ~crc;
    }
}
