using ClassifierToolkit.Data;
using ClassifierToolkit.Pipelines;
using ClassifierToolkit.Preprocessing;
using ClassifierToolkit.Tests.Support;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace ClassifierToolkit.Tests.Preprocessing;

/// <summary>What the toolkit's preprocessing gives for RGBA pictures: an alpha plane first, then premultiplied colour.</summary>
public class TransparentPicturesTests
{
    private static float[][] Pixels(IEnumerable<string> paths, int channels, ResizeKind resize, bool alpha, int width = 24, int height = 24)
    {
        var mlContext = new MLContext(1);
        var rows = mlContext.Data.LoadFromEnumerable(paths.Select(p => new ImageFile { ImagePath = p, Label = "x" }).ToList());
        return new ImagePreprocessingEstimator(mlContext, new() { Width = width, Height = height, Channels = channels, Resize = resize, Alpha = alpha })
            .Fit(rows).Transform(rows).GetColumn<float[]>(ColumnNames.Pixels).ToArray();
    }

    [Theory]
    [InlineData(3, ResizeKind.Stretch)]
    [InlineData(3, ResizeKind.CenterCrop)]
    [InlineData(1, ResizeKind.Stretch)]
    [InlineData(1, ResizeKind.CenterCrop)]
    public void Pixels_HiddenBlackOrRed_AreIdentical_AlphaFirst_AndNothingShowsUnderTransparency(int channels, ResizeKind resize)
    {
        var (black, red) = TransparentPictures.WritePair(TestPaths.NewTempFolder(), 40);

        var pixels = Pixels([black, red], channels, resize, alpha: true, width: 24, height: 20);

        Assert.Equal(pixels[0], pixels[1]);
        int plane = 24 * 20;
        Assert.Equal((channels + 1) * plane, pixels[0].Length);
        // The corner is transparent: alpha 0 and premultiplied colour 0, so colour + (1 − alpha) is white there.
        Assert.Equal(0f, pixels[0][0]);
        for (int c = 1; c <= channels; c++) Assert.Equal(0f, pixels[0][c * plane]);
        // The centre is opaque.
        Assert.Equal(1f, pixels[0][10 * 24 + 12]);
        // Premultiplied everywhere: no colour exceeds its alpha, so the composite never exceeds white.
        for (int i = 0; i < plane; i++)
            for (int c = 1; c <= channels; c++) Assert.True(pixels[0][c * plane + i] <= pixels[0][i], $"pixel {i}, plane {c}");
    }

    [Theory]
    [InlineData(3, ResizeKind.Stretch)]
    [InlineData(3, ResizeKind.CenterCrop)]
    [InlineData(1, ResizeKind.Stretch)]
    [InlineData(1, ResizeKind.CenterCrop)]
    public void Pixels_OpaquePicture_ColourPlanesAreExactlyThoseWithoutAlpha_AndAlphaIsExactlyOne(int channels, ResizeKind resize)
    {
        var folder = TestPaths.NewTempFolder();
        var rgb = Path.Combine(folder, "rgb.png");
        var jpeg = Path.Combine(folder, "photo.jpg");
        TestImages.Write(rgb, 50, 30, TestImages.Kind.Rgb);
        TestImages.Write(jpeg, 31, 47, TestImages.Kind.Rgb);

        var withAlpha = Pixels([rgb, jpeg], channels, resize, alpha: true);
        var before = Pixels([rgb, jpeg], channels, resize, alpha: false);

        int plane = 24 * 24;
        for (int image = 0; image < 2; image++)
        {
            Assert.All(withAlpha[image].AsSpan(0, plane).ToArray(), a => Assert.Equal(1f, a));
            Assert.Equal(before[image], withAlpha[image][plane..]);
        }
    }

    [Fact]
    public void ToDataView_InMemoryImages_GiveAnOpaqueAlphaPlaneThenThePixels()
    {
        var images = SampleData.Test.Take(3);

        var rows = images.ToDataView(new MLContext(1)).GetColumn<float[]>(ColumnNames.Pixels).ToList();

        for (int i = 0; i < 3; i++)
        {
            Assert.All(rows[i][..784], a => Assert.Equal(1f, a));
            Assert.Equal(PixelScaling.ToUnitRange(images.ImagePixels(i)), rows[i][784..]);
        }
        Assert.Equal(1f, 255 * PixelScaling.Scale);
    }

    [Theory]
    [InlineData(1, 1, false)]
    [InlineData(2, 1, true)]
    [InlineData(3, 3, false)]
    [InlineData(4, 3, true)]
    public void FromPixelPlanes_MapsPlanesToChannelsAndAlpha(int planes, int channels, bool alpha)
    {
        var shape = InputShape.FromPixelPlanes(planes, 28, 20);

        Assert.Equal((channels, alpha, planes, planes * 28 * 20), (shape.Channels, shape.Alpha, shape.PixelPlanes, shape.PixelValues));
        Assert.Throws<ArgumentOutOfRangeException>(() => InputShape.FromPixelPlanes(5, 28, 28));
    }
}
