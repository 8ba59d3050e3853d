using System.Globalization;
using ClassifierToolkit.IO;
using SkiaSharp;

namespace ClassifierToolkit.Evaluation;

/// <summary>
/// The top losses as a PNG: a grid of pictures, worst first, each with its true class, the predicted class, both
/// probabilities and the file's name. A picture that cannot be shown becomes a grey tile saying why.
/// </summary>
internal static class TopLossGrid
{
    public const int MaxTiles = 16;
    public const int Columns = 4;
    public const int Picture = 200;
    public const int Gap = 16;
    public const int TitleHeight = 56;
    // Three lines of text under each picture.
    public const int TileHeight = Picture + 8 + 3 * LineHeight;
    private const int LineHeight = 19;

    private static readonly SKColor Placeholder = new(0xEE, 0xEE, 0xEE);
    private static readonly SKColor Backdrop = new(0xF6, 0xF6, 0xF6);
    private static readonly SKColor Wrong = new(0xC6, 0x28, 0x28);
    private static readonly SKColor Muted = new(0x60, 0x60, 0x60);
    // A plain sans-serif where the machine has one (Skia's default face can be a serif); the default otherwise.
    private static readonly Lazy<SKTypeface> Sans = new(() =>
        new[] { "DejaVu Sans", "Liberation Sans", "Arial", "Helvetica", "Segoe UI" }.Select(name => SKFontManager.Default.MatchFamily(name)).FirstOrDefault(face => face is not null)
        ?? SKTypeface.Default);
    private static readonly Lazy<SKTypeface> SansBold = new(() => SKFontManager.Default.MatchFamily(Sans.Value.FamilyName, SKFontStyle.Bold) ?? Sans.Value);

    /// <summary>The PNG's size for <paramref name="tiles"/> pictures: always <see cref="Columns"/> wide, as many rows as needed.</summary>
    public static SKSizeI Size(int tiles)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(tiles, 1);
        int rows = (tiles + Columns - 1) / Columns;
        return new SKSizeI(Columns * Picture + (Columns + 1) * Gap, TitleHeight + rows * (TileHeight + Gap));
    }

    /// <summary>Where tile <paramref name="index"/>'s picture area starts.</summary>
    public static SKPointI PictureOrigin(int index) =>
        new(Gap + index % Columns * (Picture + Gap), TitleHeight + index / Columns * (TileHeight + Gap));

    /// <summary>Draws the first <see cref="MaxTiles"/> of <paramref name="losses"/> (worst first) and writes the PNG atomically.</summary>
    /// <param name="path">The PNG to write.</param>
    /// <param name="losses">The top losses, worst first; at least one.</param>
    /// <param name="misclassified">How many test images were misclassified in all, for the title.</param>
    public static void Write(string path, IReadOnlyList<TopLoss> losses, long misclassified)
    {
        var shown = losses.Take(MaxTiles).ToList();
        var size = Size(shown.Count);
        using var surface = SKSurface.Create(new SKImageInfo(size.Width, size.Height));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        using (var title = new SKFont(SansBold.Value, 17))
            DrawLine(canvas, string.Create(CultureInfo.InvariantCulture, $"Top losses: {shown.Count} of {misclassified:N0} misclassified test images, most confidently wrong first"), Gap, 24, size.Width - 2 * Gap, title, SKColors.Black);
        using (var note = new SKFont(Sans.Value, 13))
            DrawLine(canvas, "true class (its probability) · predicted class (its probability) · file", Gap, 44, size.Width - 2 * Gap, note, Muted);
        for (int i = 0; i < shown.Count; i++) DrawTile(canvas, shown[i], PictureOrigin(i));
        SurfacePng.Save(surface, path);
    }

    private static void DrawTile(SKCanvas canvas, TopLoss loss, SKPointI origin)
    {
        var box = SKRect.Create(origin.X, origin.Y, Picture, Picture);
        var (bitmap, problem) = loss.Pixels is { } pixels ? (ThumbnailDecoder.FromPixels(pixels), null)
            : loss.ImagePath is { } path ? ThumbnailDecoder.Decode(path, Picture)
            : (null, "an in-memory image whose pixels were not kept");
        using (bitmap)
        {
            if (bitmap is null) DrawPlaceholder(canvas, box, problem!);
            else DrawPicture(canvas, box, bitmap);
        }
        using var font = new SKFont(Sans.Value, 14);
        using var small = new SKFont(Sans.Value, 12);
        float y = box.Bottom + LineHeight;
        DrawLine(canvas, $"true: {loss.TrueLabel} ({Probability(loss.TrueProbability)})", box.Left, y, Picture, font, SKColors.Black);
        DrawLine(canvas, $"predicted: {loss.PredictedLabel} ({Probability(loss.PredictedProbability)})", box.Left, y + LineHeight, Picture, font, Wrong);
        var name = loss.ImagePath is { } file ? Path.GetFileName(file) : $"test image #{loss.Index}";
        DrawLine(canvas, ShortenMiddle(name, Picture, small), box.Left, y + 2 * LineHeight, Picture, small, Muted);
    }

    // Two decimals, more for the tiny true-class probabilities that rank the worst misses, so they do not all read 0.00.
    internal static string Probability(double p) =>
        p >= 0.01 ? p.ToString("0.00", CultureInfo.InvariantCulture) : p >= 0.0001 ? p.ToString("0.0000", CultureInfo.InvariantCulture) : "<0.0001";

    // Fitted into the square, aspect kept, centred on a light backdrop so the picture's edges show; small images
    // (28 px Fashion-MNIST) are enlarged pixel for pixel rather than blurred.
    private static void DrawPicture(SKCanvas canvas, SKRect box, SKBitmap bitmap)
    {
        using (var backdrop = new SKPaint { Color = Backdrop }) canvas.DrawRect(box, backdrop);
        float scale = Math.Min(box.Width / bitmap.Width, box.Height / bitmap.Height);
        var target = SKRect.Create(box.MidX - bitmap.Width * scale / 2, box.MidY - bitmap.Height * scale / 2, bitmap.Width * scale, bitmap.Height * scale);
        var sampling = scale >= 2 ? new SKSamplingOptions(SKFilterMode.Nearest) : new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear);
        using var image = SKImage.FromBitmap(bitmap);
        canvas.DrawImage(image, target, sampling);
    }

    private static void DrawPlaceholder(SKCanvas canvas, SKRect box, string problem)
    {
        using (var fill = new SKPaint { Color = Placeholder }) canvas.DrawRect(box, fill);
        using var font = new SKFont(Sans.Value, 13);
        List<string> lines = ["cannot show this image:", .. Wrap(problem, box.Width - 16, font)];
        float y = box.MidY - (lines.Count - 1) * LineHeight / 2f + 4;
        using var paint = new SKPaint { Color = Muted, IsAntialias = true };
        foreach (var line in lines)
        {
            canvas.DrawText(line, box.MidX, y, SKTextAlign.Center, font, paint);
            y += LineHeight;
        }
    }

    // One line of text, cut with an ellipsis where it would run into the next tile.
    private static void DrawLine(SKCanvas canvas, string text, float x, float y, float width, SKFont font, SKColor color)
    {
        using var paint = new SKPaint { Color = color, IsAntialias = true };
        canvas.DrawText(Fit(text, width, font), x, y, SKTextAlign.Left, font, paint);
    }

    private static string Fit(string text, float width, SKFont font)
    {
        if (font.MeasureText(text) <= width) return text;
        int keep = text.Length;
        while (keep > 0 && font.MeasureText(text[..keep] + "…") > width) keep--;
        return text[..keep] + "…";
    }

    // File names keep their start and their extension: "IMG_2024…0417.jpg".
    internal static string ShortenMiddle(string text, float width, SKFont font)
    {
        if (font.MeasureText(text) <= width) return text;
        for (int cut = 1; cut < text.Length; cut++)
        {
            int head = (text.Length - cut + 1) / 2, tail = text.Length - cut - head;
            var candidate = text[..head] + "…" + text[^tail..];
            if (font.MeasureText(candidate) <= width) return candidate;
        }
        return "…";
    }

    private static List<string> Wrap(string text, float width, SKFont font)
    {
        var lines = new List<string>();
        var line = "";
        foreach (var word in text.Split(' '))
        {
            var longer = line.Length == 0 ? word : line + " " + word;
            if (line.Length > 0 && font.MeasureText(longer) > width)
            {
                lines.Add(line);
                line = word;
            }
            else line = longer;
        }
        lines.Add(line);
        return [.. lines.Select(l => Fit(l, width, font))];
    }
}
