using ClassifierToolkit.Pipelines;
using ClassifierToolkit.Tests.Support;
using ClassifierToolkit.Torch.Training.Augmentation;
using static TorchSharp.torch;

namespace ClassifierToolkit.Tests.Torch.Training.Augmentation;

public class BatchAugmenterTests
{
    private static Tensor SampleBatch() =>
        tensor(ClassifierToolkit.Preprocessing.PixelScaling.ToUnitRange(SampleData.Train.Pixels.AsSpan(0, 16 * 784)), [16, 1, 28, 28]);

    [Fact]
    public void Apply_None_ReturnsTheSamePixels()
    {
        using var generator = new Generator(1);
        using var batch = SampleBatch();
        using var result = new BatchAugmenter(AugmentationSpec.None, generator).Apply(batch);
        Assert.True(result.allclose(batch, rtol: 0, atol: 0));
    }

    [Fact]
    public void Apply_RandomResizedCrop_ZoomsIntoPartsOfEachImageWithoutLeavingIt()
    {
        using var generator = new Generator(5);
        // Every image a left-to-right ramp from 0 to 1: a crop shows a narrower range of it, and never the zero fill.
        using var ramp = linspace(0, 1, 64).reshape(1, 1, 1, 64).expand(16, 1, 64, 64).contiguous();
        using var result = new BatchAugmenter(new AugmentationSpec { RandomResizedCrop = 0.25 }, generator).Apply(ramp);

        var ranges = result.amax([1, 2, 3]).sub(result.amin([1, 2, 3]));
        Assert.True(ranges.max().item<float>() <= 1.0001f);
        Assert.True(ranges.mean().item<float>() < 0.9f, $"mean visible range {ranges.mean().item<float>()}: no zoom");
        Assert.True(ranges.min().item<float>() > 0.2f, "a crop narrower than the smallest allowed area");
        // Inside the image: only the outermost pixels may blend with the zero fill.
        Assert.True(result[.., .., 1..^1, 1..^1].amin().item<float>() >= -1e-6f);
        Assert.True(result[.., .., 1..^1, 1..^1].amax().item<float>() <= 1.0001f);
    }

    [Fact]
    public void Apply_RandomErasing_FillsOneRectangleOfTheChosenImagesWithNoiseAndLeavesTheRest()
    {
        using var generator = new Generator(11);
        // Mid-grey images: an erased pixel is noise, and almost never exactly 0.5 again.
        using var grey = full(64, 1, 28, 28, 0.5f);
        using var result = new BatchAugmenter(new AugmentationSpec { RandomErasing = 0.5 }, generator).Apply(grey);
        int erased = 0;
        for (int i = 0; i < 64; i++)
        {
            var changed = result[i, 0].ne(0.5f);
            long count = changed.sum().item<long>();
            if (count == 0) continue;
            erased++;
            // The changed pixels fill one axis-aligned box between 2 % and a third of the image (a noise pixel may land on 0.5).
            var rows = changed.any(1).nonzero().flatten();
            var columns = changed.any(0).nonzero().flatten();
            long box = (rows.max().item<long>() - rows.min().item<long>() + 1) * (columns.max().item<long>() - columns.min().item<long>() + 1);
            Assert.True(count >= box - 2, $"image {i}: {count} changed pixels in a {box}-pixel box: not one rectangle");
            Assert.InRange(box, (long)(0.02 * 784) - 8, 784 / 3 + 30);
            Assert.True(result[i].amin().item<float>() >= 0 && result[i].amax().item<float>() <= 1);
        }
        Assert.InRange(erased, 20, 44); // about half of 64
    }

    [Fact]
    public void Apply_FlipOnly_MirrorsSomeImagesExactlyAndLeavesTheRest()
    {
        using var generator = new Generator(3);
        using var batch = SampleBatch();
        using var result = new BatchAugmenter(new AugmentationSpec { HorizontalFlip = true }, generator).Apply(batch);
        int flipped = 0, kept = 0;
        for (int i = 0; i < 16; i++)
        {
            if (result[i].allclose(batch[i].flip(2), atol: 1e-5)) flipped++;
            else if (result[i].allclose(batch[i], atol: 1e-5)) kept++;
        }
        Assert.Equal(16, flipped + kept);
        Assert.InRange(flipped, 1, 15);
    }

    [Fact]
    public void Apply_CropPadding_ShiftsByWholePixelsWithZeroFill()
    {
        using var generator = new Generator(5);
        using var batch = SampleBatch();
        using var result = new BatchAugmenter(new AugmentationSpec { CropPadding = 2 }, generator).Apply(batch);
        int unshifted = 0;
        for (int i = 0; i < 16; i++)
        {
            var shifts = new List<(int Dy, int Dx)>();
            for (int dy = -2; dy <= 2; dy++)
            for (int dx = -2; dx <= 2; dx++)
                if (Shift(batch[i], dy, dx).allclose(result[i], atol: 1e-4)) shifts.Add((dy, dx));
            var shift = Assert.Single(shifts);
            if (shift == (0, 0)) unshifted++;
        }
        // Each axis stays put with probability 1/4, so (0, 0) has probability 1/16; padding that does nothing leaves all 16.
        Assert.InRange(unshifted, 0, 5);
    }

    [Fact]
    public void Apply_Rotation_ChangesImagesButKeepsRangeAndShape()
    {
        using var generator = new Generator(7);
        using var batch = SampleBatch();
        using var result = new BatchAugmenter(new AugmentationSpec { RotationDegrees = 15 }, generator).Apply(batch);
        Assert.Equal(batch.shape, result.shape);
        Assert.False(result.allclose(batch, atol: 1e-3));
        Assert.True(result.min().item<float>() >= 0 && result.max().item<float>() <= 1 + 1e-5);
    }

    [Fact]
    public void Apply_ColorJitterOnRgb_StaysInUnitRange()
    {
        using var generator = new Generator(9);
        using var rgb = rand(8, 3, 16, 16);
        using var result = new BatchAugmenter(new AugmentationSpec { ColorJitter = 0.4 }, generator).Apply(rgb);
        Assert.False(result.allclose(rgb, atol: 1e-3));
        Assert.True(result.min().item<float>() >= 0 && result.max().item<float>() <= 1);
    }

    private static Tensor Shift(Tensor image, int dy, int dx)
    {
        var padded = nn.functional.pad(image, [2, 2, 2, 2]);
        return padded.narrow(1, 2 - dy, 28).narrow(2, 2 - dx, 28);
    }
}
