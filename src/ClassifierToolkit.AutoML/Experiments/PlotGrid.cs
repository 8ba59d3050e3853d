using ClassifierToolkit.IO;
using OxyPlot;
using OxyPlot.SkiaSharp;
using SkiaSharp;

namespace ClassifierToolkit.AutoML.Experiments;

/// <summary>Several small plots composed into one PNG, row by row, <see cref="Columns"/> to a row.</summary>
internal static class PlotGrid
{
    public const int PanelWidth = 420;
    public const int PanelHeight = 320;
    public const int Columns = 3;

    /// <summary>The image's size in pixels for <paramref name="panels"/> panels.</summary>
    public static SKSizeI Size(int panels)
    {
        if (panels < 1) throw new ArgumentOutOfRangeException(nameof(panels), panels, "A grid needs at least one panel.");
        int columns = Math.Min(Columns, panels);
        int rows = (panels + Columns - 1) / Columns;
        return new SKSizeI(columns * PanelWidth, rows * PanelHeight);
    }

    /// <summary>Renders each panel on its own bitmap, draws them onto one surface and writes the PNG atomically.</summary>
    public static void Write(string path, IReadOnlyList<PlotModel> panels)
    {
        var size = Size(panels.Count);
        using var surface = SKSurface.Create(new SKImageInfo(size.Width, size.Height));
        surface.Canvas.Clear(SKColors.White);
        for (int i = 0; i < panels.Count; i++)
        {
            using var panel = Render(panels[i], PanelWidth, PanelHeight);
            surface.Canvas.DrawBitmap(panel, i % Columns * PanelWidth, i / Columns * PanelHeight);
        }
        SurfacePng.Save(surface, path);
    }

    // What OxyPlot's PngExporter does, stopping before the encoding.
    private static SKBitmap Render(PlotModel model, int width, int height)
    {
        var bitmap = new SKBitmap(width, height);
        using var canvas = new SKCanvas(bitmap);
        using var context = new SkiaRenderContext { RenderTarget = RenderTarget.PixelGraphic, SkCanvas = canvas, UseTextShaping = true };
        ((IPlotModel)model).Update(true);
        canvas.Clear(model.Background.ToSKColor());
        ((IPlotModel)model).Render(context, new OxyRect(0, 0, width, height));
        return bitmap;
    }
}
