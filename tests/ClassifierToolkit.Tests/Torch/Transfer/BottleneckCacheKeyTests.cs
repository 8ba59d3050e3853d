using ClassifierToolkit.Data;
using ClassifierToolkit.Preprocessing;
using ClassifierToolkit.Tests.Support;
using ClassifierToolkit.Torch.Training;
using ClassifierToolkit.Torch.Transfer;
using Microsoft.ML;

namespace ClassifierToolkit.Tests.Torch.Transfer;

/// <summary>The bottleneck feature cache, keyed by the pixels the backbone sees, across the change to compositing onto white.</summary>
public class BottleneckCacheKeyTests
{
    // The key of a set of files read as training reads them: with the alpha plane (composited onto white) or, as the
    // toolkit read them before, the colour planes alone (transparent pixels black).
    private static string Key(bool alpha, params string[] paths)
    {
        var mlContext = new MLContext(1);
        var shape = new InputShape(3, 24, 24) { Alpha = alpha };
        var view = ImagePreprocessing.Fit(mlContext, shape).Transform(
            mlContext.Data.LoadFromEnumerable(paths.Select(p => new ImageFile { ImagePath = p, Label = "x" }).ToList()));
        return BottleneckFeatures.Hash(DataViewTensorReader.ReadChunks(view, ColumnNames.Pixels, ColumnNames.Label, ["x"], shape, 1),
            "weights-sha256", "resnet18").Key;
    }

    [Fact]
    public void Hash_TransparentPictures_GetANewKey_OpaquePicturesKeepTheirs()
    {
        var folder = TestPaths.NewTempFolder();
        var (transparent, _) = TransparentPictures.WritePair(folder, 30);
        var opaque = Path.Combine(folder, "opaque.png");
        TestImages.Write(opaque, 30, 20, TestImages.Kind.Rgb);

        Assert.NotEqual(Key(alpha: false, transparent, opaque), Key(alpha: true, transparent, opaque));
        Assert.Equal(Key(alpha: false, opaque), Key(alpha: true, opaque));
    }
}
