using System.Runtime.InteropServices;
using SkiaSharp;

namespace ClassifierToolkit.Data;

/// <summary>
/// Shrinks an image fed to it one row at a time by a whole factor, each output pixel the mean of its block's pixels on the
/// rows summed (the first row of each band of factor rows: converting and summing every row would double the time of
/// reading a 400 MP picture, for a copy that is resized further anyway), so only the reduced image and one row of sums are held. Rows come in as premultiplied RGBA (averaging premultiplied
/// values keeps transparent pixels from darkening their neighbours); the result is a premultiplied RGBA bitmap.
/// </summary>
internal sealed class BoxShrinker : IDisposable
{
    private readonly int _width;
    private readonly int _factor;
    private readonly long[] _sums;
    private readonly byte[] _outputRow;
    private readonly SKBitmap _output;
    private int _rowsInBand;
    private int _rowsSummed;
    private int _outputRows;

    /// <param name="width">Width of the rows fed.</param>
    /// <param name="height">Rows that will be fed.</param>
    /// <param name="factor">Rows and columns averaged into one output pixel.</param>
    public BoxShrinker(int width, int height, int factor)
    {
        _width = width;
        _factor = factor;
        int outputWidth = (width + factor - 1) / factor;
        _sums = new long[outputWidth * 4];
        _outputRow = new byte[outputWidth * 4];
        _output = new SKBitmap(new SKImageInfo(outputWidth, (height + factor - 1) / factor, SKColorType.Rgba8888, SKAlphaType.Premul));
    }

    /// <summary>Whether the next row is summed; when not, pass it to <see cref="Add"/> empty (it need not be converted).</summary>
    public bool WantsNextRow => _rowsInBand == 0;

    /// <summary>Adds the next row: <c>width</c> premultiplied RGBA pixels, or empty when <see cref="WantsNextRow"/> is false.</summary>
    public void Add(ReadOnlySpan<byte> rgba)
    {
        if (rgba.IsEmpty)
        {
            if (++_rowsInBand == _factor) WriteBand();
            return;
        }
        _rowsSummed++;
        for (int x = 0, sum = 0; x < _width; sum += 4)
        {
            int end = Math.Min(_width, x + _factor);
            long r = 0, g = 0, b = 0, a = 0;
            for (; x < end; x++)
            {
                r += rgba[x * 4];
                g += rgba[x * 4 + 1];
                b += rgba[x * 4 + 2];
                a += rgba[x * 4 + 3];
            }
            _sums[sum] += r;
            _sums[sum + 1] += g;
            _sums[sum + 2] += b;
            _sums[sum + 3] += a;
        }
        if (++_rowsInBand == _factor) WriteBand();
    }

    /// <summary>The reduced image (the caller owns it); call once, after the last row.</summary>
    public SKBitmap Finish()
    {
        if (_rowsInBand > 0) WriteBand();
        if (_outputRows != _output.Height) throw new InvalidOperationException($"{_outputRows * _factor} rows were fed for {_output.Height * _factor}.");
        return _output;
    }

    public void Dispose()
    {
        if (_outputRows != _output.Height) _output.Dispose();
    }

    private void WriteBand()
    {
        for (int column = 0; column < _sums.Length / 4; column++)
        {
            int columns = Math.Min(_factor, _width - column * _factor);
            long count = (long)columns * _rowsSummed;
            for (int channel = 0; channel < 4; channel++)
                _outputRow[column * 4 + channel] = (byte)((_sums[column * 4 + channel] + count / 2) / count);
        }
        Marshal.Copy(_outputRow, 0, _output.GetPixels() + _outputRows * _output.RowBytes, _outputRow.Length);
        Array.Clear(_sums);
        _rowsInBand = _rowsSummed = 0;
        _outputRows++;
    }
}
