using Microsoft.ML.Data;

namespace ClassifierToolkit.Tests.Support;

/// <summary>Writes small synthetic images in any format ImageAnalytics can encode.</summary>
internal static class TestImages
{
    public enum Kind { Grey, Rgb, Rgba }

    public static void Write(string path, int width, int height, Kind kind)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var pixels = new byte[width * height * 4];
        for (int y = 0; y < height; y++)
        for (int x = 0; x < width; x++)
        {
            int i = (y * width + x) * 4;
            byte grey = (byte)((x * 255) / Math.Max(1, width - 1));
            pixels[i] = grey;
            pixels[i + 1] = kind == Kind.Grey ? grey : (byte)((y * 255) / Math.Max(1, height - 1));
            pixels[i + 2] = kind == Kind.Grey ? grey : (byte)(255 - grey);
            pixels[i + 3] = kind == Kind.Rgba ? (byte)200 : (byte)255;
        }
        using var image = MLImage.CreateFromPixels(width, height, MLPixelFormat.Rgba32, pixels);
        if (Path.GetExtension(path) == ".bmp")
        {
            // Skia cannot encode BMP; write a minimal 24-bit BMP by hand so the reader path is still exercised.
            File.WriteAllBytes(path, Bmp(width, height, pixels));
            return;
        }
        image.Save(path);
    }

    private static byte[] Bmp(int width, int height, byte[] rgba)
    {
        int rowSize = (width * 3 + 3) & ~3;
        int dataSize = rowSize * height;
        var bmp = new byte[54 + dataSize];
        bmp[0] = (byte)'B';
        bmp[1] = (byte)'M';
        BitConverter.GetBytes(54 + dataSize).CopyTo(bmp, 2);
        BitConverter.GetBytes(54).CopyTo(bmp, 10);
        BitConverter.GetBytes(40).CopyTo(bmp, 14);
        BitConverter.GetBytes(width).CopyTo(bmp, 18);
        BitConverter.GetBytes(height).CopyTo(bmp, 22);
        BitConverter.GetBytes((short)1).CopyTo(bmp, 26);
        BitConverter.GetBytes((short)24).CopyTo(bmp, 28);
        BitConverter.GetBytes(dataSize).CopyTo(bmp, 34);
        for (int y = 0; y < height; y++)
        for (int x = 0; x < width; x++)
        {
            int source = ((height - 1 - y) * width + x) * 4;
            int target = 54 + y * rowSize + x * 3;
            bmp[target] = rgba[source + 2];
            bmp[target + 1] = rgba[source + 1];
            bmp[target + 2] = rgba[source];
        }
        return bmp;
    }
}
