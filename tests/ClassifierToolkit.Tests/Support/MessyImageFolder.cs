using ClassifierToolkit.Data;

namespace ClassifierToolkit.Tests.Support;

/// <summary>
/// A real-world image folder: Fashion-MNIST sample images (PNG, some as RGB JPEG, nested folders, odd names) with broken
/// and foreign files mixed in, as people's folders have them. Knows which files must be skipped and which passed over.
/// </summary>
internal sealed class MessyImageFolder
{
    private MessyImageFolder(string root, List<string> broken, int good)
    {
        Root = root;
        Broken = broken;
        GoodImages = good;
    }

    public string Root { get; }
    /// <summary>Files a scan must skip and name, full paths.</summary>
    public List<string> Broken { get; }
    public int GoodImages { get; }

    /// <summary>Writes <paramref name="perClass"/> images of each of the first <paramref name="classes"/> classes, then the mess.</summary>
    public static MessyImageFolder Create(int perClass = 30, int classes = 3, int firstImage = 0)
    {
        var root = TestPaths.NewTempFolder();
        var images = PngExporter.Export(PickBalanced(perClass, classes, firstImage), root);
        // Some images as RGB JPEG in a nested folder with an odd name, as a phone or a photo tool would store them.
        foreach (var file in images.Where((_, i) => i % 5 == 0))
        {
            var target = Path.Combine(Path.GetDirectoryName(file.ImagePath)!, "holiday #2 (ü)", Path.GetFileNameWithoutExtension(file.ImagePath) + " copy.jpg");
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            using (var image = Microsoft.ML.Data.MLImage.CreateFromFile(file.ImagePath)) Rgb(image).Save(target);
            File.Delete(file.ImagePath);
        }
        var classFolders = Directory.GetDirectories(root).Order(StringComparer.Ordinal).ToList();
        var broken = new List<string>();
        string Add(string path, byte[] bytes)
        {
            File.WriteAllBytes(path, bytes);
            return path;
        }
        var aPng = File.ReadAllBytes(Directory.GetFiles(classFolders[0], "*.png")[0]);
        broken.Add(Add(Path.Combine(classFolders[0], "empty.png"), []));
        broken.Add(Add(Path.Combine(classFolders[0], "truncated.png"), aPng[..(aPng.Length * 2 / 3)]));
        broken.Add(Add(Path.Combine(classFolders[1], "notes.png"), "this is text, not a picture"u8.ToArray()));
        broken.Add(Add(Path.Combine(classFolders[1], "scan.tiff"), [0x49, 0x49, 0x2A, 0x00, 8, 0, 0, 0]));
        broken.Add(Add(Path.Combine(classFolders[2], "README.txt"), "labels by hand"u8.ToArray()));
        broken.Add(Add(Path.Combine(root, "loose.png"), aPng));
        // Hidden and system files are not data: passed over without a warning.
        Add(Path.Combine(classFolders[0], ".DS_Store"), [0, 0, 0, 1]);
        Add(Path.Combine(classFolders[1], "._" + Path.GetFileName(Directory.GetFiles(classFolders[1], "*.png")[0])), [0, 5, 22, 7]);
        Add(Path.Combine(classFolders[2], "Thumbs.db"), [1, 2, 3]);
        Directory.CreateDirectory(Path.Combine(root, ".git"));
        Add(Path.Combine(root, ".git", "HEAD"), "ref: refs/heads/main"u8.ToArray());
        broken.Sort(StringComparer.Ordinal);
        return new MessyImageFolder(root, broken, perClass * classes);
    }

    private static LabeledImageSet PickBalanced(int perClass, int classes, int firstImage)
    {
        var train = SampleData.Train;
        var picked = Enumerable.Range(0, classes)
            .SelectMany(k => Enumerable.Range(firstImage, train.Count - firstImage).Where(i => train.Labels[i] == k).Take(perClass))
            .ToArray();
        return train.Select(picked);
    }

    private static Microsoft.ML.Data.MLImage Rgb(Microsoft.ML.Data.MLImage grey)
    {
        var source = grey.GetBGRPixels;
        var rgba = new byte[grey.Width * grey.Height * 4];
        for (int p = 0; p < grey.Width * grey.Height; p++)
        {
            rgba[4 * p] = source[3 * p + 2];
            rgba[4 * p + 1] = source[3 * p + 1];
            rgba[4 * p + 2] = source[3 * p];
            rgba[4 * p + 3] = 255;
        }
        return Microsoft.ML.Data.MLImage.CreateFromPixels(grey.Width, grey.Height, Microsoft.ML.Data.MLPixelFormat.Rgba32, rgba);
    }
}
