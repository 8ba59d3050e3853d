using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace ClassifierToolkit.Data;

/// <summary>
/// Reads a PNG one row at a time, as premultiplied RGBA, holding two rows: for PNGs too large to decode whole, which the
/// Skia build ML.NET uses decodes only whole (it has no row-by-row PNG decoding). Every colour type and bit depth is read;
/// of an interlaced (Adam7) PNG only the first pass is, which is the image sampled every 8th pixel both ways.
/// Chunk checksums are not verified: Skia has already accepted the header, and damaged image data still fail to inflate.
/// </summary>
internal sealed class PngRowReader : IDisposable
{
    private static ReadOnlySpan<byte> Signature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private readonly ZLibStream _inflated;
    private readonly int _bitDepth;
    private readonly int _colorType;
    private readonly int _bytesPerPixel;
    private readonly byte[] _palette;
    private byte[] _row;
    private byte[] _prior;

    private PngRowReader(ZLibStream inflated, int width, int height, int bitDepth, int colorType, byte[] palette)
    {
        _inflated = inflated;
        (Width, Height, _bitDepth, _colorType, _palette) = (width, height, bitDepth, colorType, palette);
        int bitsPerPixel = bitDepth * Channels(colorType);
        _bytesPerPixel = Math.Max(1, bitsPerPixel / 8);
        _row = new byte[1 + (int)(((long)width * bitsPerPixel + 7) / 8)];
        _prior = new byte[_row.Length];
    }

    /// <summary>Width of the rows read (of the first pass for an interlaced PNG).</summary>
    public int Width { get; }
    /// <summary>Rows to read.</summary>
    public int Height { get; }

    /// <summary>Reads the header of the PNG in <paramref name="stream"/> (at its start; the reader owns it from now).</summary>
    /// <exception cref="InvalidDataException">Not a PNG, a header this reader does not know, or data ending early.</exception>
    public static PngRowReader Open(Stream stream)
    {
        Span<byte> signature = stackalloc byte[8];
        ReadExactly(stream, signature);
        if (!signature.SequenceEqual(Signature)) throw new InvalidDataException("not a PNG file");
        var (type, header, _) = ReadChunk(stream);
        if (type != "IHDR" || header.Length != 13) throw new InvalidDataException("the PNG header is damaged");
        int width = BinaryPrimitives.ReadInt32BigEndian(header), height = BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(4));
        int bitDepth = header[8], colorType = header[9];
        if (width <= 0 || height <= 0 || Channels(colorType) == 0 || bitDepth is not (1 or 2 or 4 or 8 or 16) || header[12] > 1)
            throw new InvalidDataException("the PNG header is damaged");
        if (header[12] == 1) (width, height) = ((width + 7) / 8, (height + 7) / 8);
        var palette = new byte[256 * 4];
        Array.Fill(palette, (byte)255);
        while (true)
        {
            var (chunk, body, length) = ReadChunk(stream);
            switch (chunk)
            {
                case "IDAT":
                    return new PngRowReader(new ZLibStream(new ImageDataStream(stream, length), CompressionMode.Decompress), width, height, bitDepth, colorType, palette);
                case "IEND":
                    throw new InvalidDataException("the PNG holds no image data");
                case "PLTE":
                    for (int i = 0; i < Math.Min(256, body.Length / 3); i++) body.AsSpan(i * 3, 3).CopyTo(palette.AsSpan(i * 4));
                    break;
                case "tRNS" when colorType == 3:
                    for (int i = 0; i < Math.Min(256, body.Length); i++) palette[i * 4 + 3] = body[i];
                    break;
            }
        }
    }

    /// <summary>Reads the next row into <paramref name="rgba"/> (<see cref="Width"/> premultiplied RGBA pixels); an empty span skips the conversion.</summary>
    /// <exception cref="InvalidDataException">The image data end early or are damaged.</exception>
    public void ReadRow(Span<byte> rgba)
    {
        (_row, _prior) = (_prior, _row);
        try
        {
            _inflated.ReadExactly(_row);
        }
        catch (EndOfStreamException)
        {
            throw new InvalidDataException("truncated: the image data end early");
        }
        Unfilter(_row[0], _row.AsSpan(1), _prior.AsSpan(1));
        if (!rgba.IsEmpty) ToRgba(_row.AsSpan(1), rgba);
    }

    public void Dispose() => _inflated.Dispose();

    private static int Channels(int colorType) => colorType switch { 0 => 1, 2 => 3, 3 => 1, 4 => 2, 6 => 4, _ => 0 };

    private void Unfilter(byte filter, Span<byte> row, ReadOnlySpan<byte> prior)
    {
        int bpp = _bytesPerPixel;
        switch (filter)
        {
            case 0: break;
            case 1: for (int i = bpp; i < row.Length; i++) row[i] += row[i - bpp]; break;
            case 2: AddUp(row, prior); break;
            case 3:
                for (int i = 0; i < row.Length; i++) row[i] += (byte)(((i >= bpp ? row[i - bpp] : 0) + prior[i]) / 2);
                break;
            case 4:
                for (int i = 0; i < row.Length; i++) row[i] += Paeth(i >= bpp ? row[i - bpp] : (byte)0, prior[i], i >= bpp ? prior[i - bpp] : (byte)0);
                break;
            default: throw new InvalidDataException($"damaged: unknown PNG row filter {filter}");
        }
    }

    private static void AddUp(Span<byte> row, ReadOnlySpan<byte> prior)
    {
        int i = 0;
        for (int step = System.Numerics.Vector<byte>.Count; i + step <= row.Length; i += step)
            (new System.Numerics.Vector<byte>(row[i..]) + new System.Numerics.Vector<byte>(prior[i..])).CopyTo(row[i..]);
        for (; i < row.Length; i++) row[i] += prior[i];
    }

    private static byte Paeth(byte left, byte up, byte upLeft)
    {
        int estimate = left + up - upLeft;
        int toLeft = Math.Abs(estimate - left), toUp = Math.Abs(estimate - up), toUpLeft = Math.Abs(estimate - upLeft);
        return toLeft <= toUp && toLeft <= toUpLeft ? left : toUp <= toUpLeft ? up : upLeft;
    }

    private void ToRgba(ReadOnlySpan<byte> row, Span<byte> rgba)
    {
        // The common cases without a per-pixel switch: a 400 MP picture is 400 million pixels.
        if (_bitDepth == 8 && _colorType == 2)
        {
            for (int x = 0; x < Width; x++)
            {
                rgba[x * 4] = row[x * 3];
                rgba[x * 4 + 1] = row[x * 3 + 1];
                rgba[x * 4 + 2] = row[x * 3 + 2];
                rgba[x * 4 + 3] = 255;
            }
            return;
        }
        for (int x = 0; x < Width; x++)
        {
            byte r, g, b, a = 255;
            switch (_colorType)
            {
                case 0: r = g = b = Sample(row, x, 0, 1, scaled: true); break;
                case 3:
                    int index = Sample(row, x, 0, 1, scaled: false) * 4;
                    (r, g, b, a) = (_palette[index], _palette[index + 1], _palette[index + 2], _palette[index + 3]);
                    break;
                case 4: (r, a) = (Sample(row, x, 0, 2, true), Sample(row, x, 1, 2, true)); g = b = r; break;
                case 2: (r, g, b) = (Sample(row, x, 0, 3, true), Sample(row, x, 1, 3, true), Sample(row, x, 2, 3, true)); break;
                default:
                    (r, g, b, a) = (Sample(row, x, 0, 4, true), Sample(row, x, 1, 4, true), Sample(row, x, 2, 4, true), Sample(row, x, 3, 4, true));
                    break;
            }
            rgba[x * 4] = (byte)((r * a + 127) / 255);
            rgba[x * 4 + 1] = (byte)((g * a + 127) / 255);
            rgba[x * 4 + 2] = (byte)((b * a + 127) / 255);
            rgba[x * 4 + 3] = a;
        }
    }

    // One sample as 8 bits: 16-bit samples keep their high byte, 1–4-bit ones are packed from the high bit and, unless
    // they are palette indices, stretched to 0–255.
    private byte Sample(ReadOnlySpan<byte> row, int x, int channel, int channels, bool scaled)
    {
        if (_bitDepth == 8) return row[x * channels + channel];
        if (_bitDepth == 16) return row[(x * channels + channel) * 2];
        long bit = (long)x * _bitDepth;
        int max = (1 << _bitDepth) - 1;
        int value = (row[(int)(bit / 8)] >> (8 - _bitDepth - (int)(bit % 8))) & max;
        return (byte)(scaled ? value * 255 / max : value);
    }

    // An IDAT chunk's body is left in the stream, to be inflated.
    private static (string Type, byte[] Body, long Length) ReadChunk(Stream stream)
    {
        Span<byte> head = stackalloc byte[8];
        ReadExactly(stream, head);
        int length = BinaryPrimitives.ReadInt32BigEndian(head);
        if (length < 0) throw new InvalidDataException("damaged: a PNG chunk has a negative length");
        var type = Encoding.ASCII.GetString(head[4..]);
        if (type == "IDAT") return (type, [], length);
        var body = new byte[length];
        ReadExactly(stream, body);
        ReadExactly(stream, stackalloc byte[4]);
        return (type, body, length);
    }

    private static void ReadExactly(Stream stream, Span<byte> buffer)
    {
        try
        {
            stream.ReadExactly(buffer);
        }
        catch (EndOfStreamException)
        {
            throw new InvalidDataException("truncated: the file ends early");
        }
    }

    // The image data of consecutive IDAT chunks as one stream; it starts inside the first IDAT, whose header was read.
    private sealed class ImageDataStream(Stream png, long firstLength) : Stream
    {
        private long _left = firstLength;

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            while (_left == 0)
                if (!NextChunkIsImageData()) return 0;
            int read = png.Read(buffer[..(int)Math.Min(buffer.Length, _left)]);
            if (read == 0) throw new InvalidDataException("truncated: the image data end early");
            _left -= read;
            return read;
        }

        private bool NextChunkIsImageData()
        {
            Span<byte> crcAndHead = stackalloc byte[12];
            if (png.ReadAtLeast(crcAndHead, 12, throwOnEndOfStream: false) < 12) return false;
            if (!crcAndHead[8..].SequenceEqual("IDAT"u8)) return false;
            _left = BinaryPrimitives.ReadUInt32BigEndian(crcAndHead[4..]);
            return true;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
