using static TorchSharp.torch;

namespace ClassifierToolkit.Torch.Training;

/// <summary>Images <c>[N, C, H, W]</c> (float, [0, 1]) and their class indices <c>[N]</c> (int64), in memory on the CPU.</summary>
internal sealed class TensorDataset : ILabeledTensors
{
    /// <summary>Wraps the two tensors; the dataset owns them.</summary>
    public TensorDataset(Tensor pixels, Tensor labels)
    {
        if (pixels.shape[0] != labels.shape[0])
            throw new ArgumentException($"{pixels.shape[0]} images but {labels.shape[0]} labels.", nameof(labels));
        Pixels = pixels;
        Labels = labels;
    }

    /// <summary>The images.</summary>
    public Tensor Pixels { get; }
    /// <summary>The class indices.</summary>
    public Tensor Labels { get; }
    /// <summary>Number of images.</summary>
    public int Count => (int)Pixels.shape[0];

    /// <inheritdoc />
    public Tensor PixelsAt(Tensor indices) => Pixels.index_select(0, indices);

    /// <inheritdoc />
    public Tensor PixelsIn(long start, long length) => Pixels.narrow(0, start, length);

    /// <inheritdoc />
    public void Dispose()
    {
        Pixels.Dispose();
        Labels.Dispose();
    }
}
