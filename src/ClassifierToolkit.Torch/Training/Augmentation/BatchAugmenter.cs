using ClassifierToolkit.Pipelines;
using static TorchSharp.torch;

namespace ClassifierToolkit.Torch.Training.Augmentation;

/// <summary>
/// Applies <see cref="AugmentationSpec"/> to a batch <c>[N, C, H, W]</c> of [0, 1] pixels. Random-resized crop, shift,
/// flip and rotation are one affine resampling per batch (each image its own transform); areas moved in from outside
/// are zero, as with a zero-padded crop.
/// </summary>
internal sealed class BatchAugmenter
{
    private readonly AugmentationSpec _options;
    private readonly Generator _generator;

    /// <summary>Creates an augmenter drawing from <paramref name="generator"/>; <paramref name="options"/> come from a checked <see cref="FitPlan"/>.</summary>
    public BatchAugmenter(AugmentationSpec options, Generator generator)
    {
        _options = options;
        _generator = generator;
    }

    /// <summary>A new, augmented batch (the input is not changed).</summary>
    public Tensor Apply(Tensor batch)
    {
        if (!_options.Enabled) return batch.alias();
        using var scope = NewDisposeScope();
        var x = batch;
        if (_options.CropPadding > 0 || _options.HorizontalFlip || _options.RotationDegrees > 0 || _options.RandomResizedCrop > 0) x = Geometric(x);
        if (_options.ColorJitter > 0 && x.shape[1] == 3) x = Color(x);
        if (_options.RandomErasing > 0) x = Erase(x);
        return x.MoveToOuterDisposeScope();
    }

    private Tensor Geometric(Tensor x)
    {
        long n = x.shape[0], height = x.shape[2], width = x.shape[3];
        var angle = Uniform(n, _options.RotationDegrees).mul(Math.PI / 180);
        // Normalized coordinates span 2 units per side, so a shift of p pixels is 2p/size.
        var shiftX = Uniform(n, _options.CropPadding).round().mul(2.0 / width);
        var shiftY = Uniform(n, _options.CropPadding).round().mul(2.0 / height);
        var flip = _options.HorizontalFlip ? rand(n, generator: _generator).lt(0.5).to(float32).mul(-2).add(1) : ones(n);
        var (cropWidth, cropHeight, cropX, cropY) = CropBoxes(n);
        var cos = angle.cos();
        var sin = angle.sin();
        // Output point p maps to input R·F·S·p + t: S scales to the crop box, F flips, R rotates, t moves to the box and shifts.
        var theta = stack([cos.mul(flip).mul(cropWidth), sin.neg().mul(cropHeight), shiftX.add(cropX),
            sin.mul(flip).mul(cropWidth), cos.mul(cropHeight), shiftY.add(cropY)], 1).reshape(n, 2, 3).to(x.device);
        var grid = nn.functional.affine_grid(theta, [n, x.shape[1], height, width], align_corners: false);
        return nn.functional.grid_sample(x, grid, GridSampleMode.Bilinear, GridSamplePaddingMode.Zeros, align_corners: false);
    }

    private Tensor Color(Tensor x)
    {
        long n = x.shape[0];
        var brightness = Uniform(n, _options.ColorJitter).add(1).reshape(n, 1, 1, 1).to(x.device);
        var contrast = Uniform(n, _options.ColorJitter).add(1).reshape(n, 1, 1, 1).to(x.device);
        var saturation = Uniform(n, _options.ColorJitter).add(1).reshape(n, 1, 1, 1).to(x.device);
        x = x.mul(brightness);
        var mean = x.mean([1, 2, 3], keepdim: true);
        x = x.sub(mean).mul(contrast).add(mean);
        var grey = x.mean([1], keepdim: true);
        return x.sub(grey).mul(saturation).add(grey).clamp(0, 1);
    }

    // One rectangle per chosen image filled with uniform noise in [0, 1]: its area a uniform 2–33 % of the image's, its aspect
    // ratio log-uniform in [0.3, 1/0.3] (sides capped at the image's), placed uniformly inside the image. One mask for the batch.
    private Tensor Erase(Tensor x)
    {
        long n = x.shape[0], height = x.shape[2], width = x.shape[3];
        var chosen = rand(n, generator: _generator).lt(_options.RandomErasing);
        var area = rand(n, generator: _generator).mul(MaxErasedArea - MinErasedArea).add(MinErasedArea).mul(height * width);
        var ratio = Uniform(n, -Math.Log(MinErasedAspect)).exp();
        var boxHeight = area.mul(ratio).sqrt().round().clamp(1, height);
        var boxWidth = area.div(ratio).sqrt().round().clamp(1, width);
        var top = rand(n, generator: _generator).mul(boxHeight.neg().add(height + 1)).floor();
        var left = rand(n, generator: _generator).mul(boxWidth.neg().add(width + 1)).floor();
        var rows = arange(height, dtype: float32).reshape(1, height, 1);
        var columns = arange(width, dtype: float32).reshape(1, 1, width);
        var inside = rows.ge(top.reshape(n, 1, 1)).logical_and(rows.lt(top.add(boxHeight).reshape(n, 1, 1)))
            .logical_and(columns.ge(left.reshape(n, 1, 1))).logical_and(columns.lt(left.add(boxWidth).reshape(n, 1, 1)))
            .logical_and(chosen.reshape(n, 1, 1)).unsqueeze(1).to(x.device);
        var noise = rand(x.shape, generator: _generator).to(x.dtype).to(x.device);
        return where(inside, noise, x);
    }

    private const double MinErasedArea = 0.02, MaxErasedArea = 1.0 / 3, MinErasedAspect = 0.3;

    // Each image's crop box in normalized coordinates: width and height as fractions of the sides, and its centre. The
    // area fraction is uniform in [RandomResizedCrop, 1] and the aspect ratio log-uniform in [3/4, 4/3]; a side that
    // would exceed the image is capped (torchvision retries instead; capping keeps one draw per image).
    private (Tensor Width, Tensor Height, Tensor X, Tensor Y) CropBoxes(long n)
    {
        if (_options.RandomResizedCrop == 0) return (ones(n), ones(n), zeros(n), zeros(n));
        var area = rand(n, generator: _generator).mul(1 - _options.RandomResizedCrop).add(_options.RandomResizedCrop);
        var logRatio = Uniform(n, Math.Log(4.0 / 3));
        var width = area.mul(logRatio.exp()).sqrt().clamp_max(1);
        var height = area.div(logRatio.exp()).sqrt().clamp_max(1);
        var x = rand(n, generator: _generator).mul(2).sub(1).mul(width.neg().add(1));
        var y = rand(n, generator: _generator).mul(2).sub(1).mul(height.neg().add(1));
        return (width, height, x, y);
    }

    // Uniform in [-range, range], on the CPU generator.
    private Tensor Uniform(long count, double range) =>
        range == 0 ? zeros(count) : rand(count, generator: _generator).mul(2 * range).sub(range);
}
