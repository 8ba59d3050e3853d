using System.Buffers.Binary;
using System.IO.Compression;

namespace ClassifierToolkit.Tests.Support;

/// <summary>
/// An image folder with pictures of extreme sizes among small ones, as Debian's openclipart-png has them: a 20,500×20,500
/// PNG (420 MP), a 60,000×40 strip (under the size limit), a 1,000,000×30 strip (over it) and a PNG whose header promises
/// 20,500×20,500 pixels but whose data stop early. The large PNGs are flat colour written by hand (each row repeats the one
/// above), so they take a second and a few MB to write, and the decoder still inflates every row.
/// </summary>
internal sealed class LargeImageFolder
{
    public required string Root { get; init; }
    /// <summary>Images over the size limit, which a scan reads at reduced size.</summary>
    public required List<string> OverLimit { get; init; }
    /// <summary>The long thin image within the limit, read as it is.</summary>
    public required string Thin { get; init; }
    /// <summary>The undecodable large PNG, which a scan skips.</summary>
    public required string Broken { get; init; }
    /// <summary>Usable images, the large ones included.</summary>
    public required int Usable { get; init; }

    public static LargeImageFolder Create(int smallPerClass = 10)
    {
        var root = TestPaths.NewTempFolder();
        for (int i = 0; i < smallPerClass; i++)
        {
            TestImages.Write(Path.Combine(root, "plain", $"p{i}.png"), 24 + i, 24, TestImages.Kind.Grey);
            TestImages.Write(Path.Combine(root, "striped", $"s{i}.png"), 24, 24 + i, TestImages.Kind.Rgb);
        }
        var huge = Path.Combine(root, "plain", "poster.png");
        var strip = Path.Combine(root, "striped", "banner.png");
        var thin = Path.Combine(root, "striped", "ribbon.png");
        var broken = Path.Combine(root, "plain", "cut-poster.png");
        WriteFlatPng(huge, 20_500, 20_500, (200, 40, 90));
        WriteFlatPng(strip, 1_000_000, 30, (30, 160, 220));
        WriteFlatPng(thin, 60_000, 40, (30, 160, 220));
        WriteFlatPng(broken, 20_500, 20_500, (200, 40, 90), keepImageData: 0.5);
        return new LargeImageFolder { Root = root, OverLimit = [huge, strip], Thin = thin, Broken = broken, Usable = 2 * smallPerClass + 3 };
    }

    /// <summary>Writes an RGB PNG of one colour; <paramref name="keepImageData"/> below 1 cuts its compressed data short.</summary>
    public static void WriteFlatPng(string path, int width, int height, (byte R, byte G, byte B) colour, double keepImageData = 1)
    {
        var data = new MemoryStream();
        using (var zlib = new ZLibStream(data, CompressionLevel.Fastest, leaveOpen: true))
        {
            var row = new byte[1 + width * 3];
            row[0] = 0;
            for (int x = 0; x < width; x++) (row[1 + 3 * x], row[2 + 3 * x], row[3 + 3 * x]) = colour;
            zlib.Write(row);
            Array.Clear(row);
            row[0] = 2; // "Up": each byte is the one above plus 0
            for (int y = 1; y < height; y++) zlib.Write(row);
        }
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        (header[8], header[9]) = (8, 2);
        using var file = File.Create(path);
        file.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        WriteChunk(file, "IHDR", header);
        WriteChunk(file, "IDAT", data.ToArray().AsSpan(0, (int)(data.Length * keepImageData)));
        if (keepImageData >= 1) WriteChunk(file, "IEND", []);
    }

    private static void WriteChunk(Stream stream, string type, ReadOnlySpan<byte> body)
    {
        var chunk = new byte[8 + body.Length + 4];
        BinaryPrimitives.WriteInt32BigEndian(chunk, body.Length);
        System.Text.Encoding.ASCII.GetBytes(type, chunk.AsSpan(4));
        body.CopyTo(chunk.AsSpan(8));
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + body.Length), Crc32(chunk.AsSpan(4, 4 + body.Length)));
        stream.Write(chunk);
    }

    private static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        uint crc = 0xFFFFFFFF;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (int bit = 0; bit < 8; bit++) crc = (crc & 1) != 0 ? 0xEDB88320 ^ (crc >> 1) : crc >> 1;
        }
        return ~crc;
    }
}
