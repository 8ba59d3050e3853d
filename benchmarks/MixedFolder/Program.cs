// Usage: MixedFolder <fashion-mnist folder> <train|test> <count> <output folder> [broken percent] [first image]
// Image i goes out as grey PNG (i % 3 == 0), RGB JPEG (1) or RGB PNG upscaled to 56×56 (2), in class folders; with a
// broken percent, that share of extra files is broken: empty, truncated, text named .png, in turn. Prints the broken paths.
using System.Globalization;
using ClassifierToolkit.Data;
using SkiaSharp;

if (args.Length < 4)
{
    Console.Error.WriteLine("usage: MixedFolder <fashion-mnist folder> <train|test> <count> <output> [broken percent] [first image]");
    return 2;
}
var split = args[1] == "test" ? DataSplitKind.Test : DataSplitKind.Train;
int count = int.Parse(args[2], CultureInfo.InvariantCulture);
var output = args[3];
double brokenPercent = args.Length > 4 ? double.Parse(args[4], CultureInfo.InvariantCulture) : 0;
int first = args.Length > 5 ? int.Parse(args[5], CultureInfo.InvariantCulture) : 0;
var images = FashionMnist.LoadFrom(args[0], split).Select(Enumerable.Range(first, count).ToArray());
for (int i = 0; i < images.Count; i++)
{
    var folder = Path.Combine(output, ClassFolderNames.ToFolderName(images.ClassNames[images.Labels[i]]));
    Directory.CreateDirectory(folder);
    var grey = images.ImagePixels(i).ToArray();
    var (bitmap, format) = (i % 3) switch
    {
        0 => (Bitmap(grey, 28, SKColorType.Gray8), SKEncodedImageFormat.Png),
        1 => (Bitmap(Rgba(grey, 1), 28, SKColorType.Rgba8888), SKEncodedImageFormat.Jpeg),
        _ => (Bitmap(Rgba(grey, 2), 56, SKColorType.Rgba8888), SKEncodedImageFormat.Png),
    };
    using (bitmap)
    using (var encoded = bitmap.Encode(format, 90))
        File.WriteAllBytes(Path.Combine(folder, $"{first + i:D5}{(format == SKEncodedImageFormat.Jpeg ? ".jpg" : ".png")}"), encoded.ToArray());
}
int broken = (int)Math.Round(count * brokenPercent / 100);
var classFolders = Directory.GetDirectories(output).Order(StringComparer.Ordinal).ToArray();
var aPng = File.ReadAllBytes(Directory.GetFiles(classFolders[0], "*.png")[0]);
for (int b = 0; b < broken; b++)
{
    var path = Path.Combine(classFolders[b % classFolders.Length], $"broken-{b:D3}.png");
    File.WriteAllBytes(path, (b % 3) switch { 0 => [], 1 => aPng[..(aPng.Length / 2)], _ => "not an image"u8.ToArray() });
    Console.WriteLine(path);
}
return 0;

static SKBitmap Bitmap(byte[] pixels, int side, SKColorType type)
{
    var bitmap = new SKBitmap(new SKImageInfo(side, side, type, SKAlphaType.Opaque));
    System.Runtime.InteropServices.Marshal.Copy(pixels, 0, bitmap.GetPixels(), pixels.Length);
    return bitmap;
}

static byte[] Rgba(byte[] grey, int scale)
{
    int side = 28 * scale;
    var rgba = new byte[side * side * 4];
    for (int y = 0; y < side; y++)
    for (int x = 0; x < side; x++)
    {
        byte v = grey[(y / scale) * 28 + x / scale];
        int p = (y * side + x) * 4;
        (rgba[p], rgba[p + 1], rgba[p + 2], rgba[p + 3]) = (v, v, v, 255);
    }
    return rgba;
}
