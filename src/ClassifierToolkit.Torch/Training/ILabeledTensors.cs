using static TorchSharp.torch;

namespace ClassifierToolkit.Torch.Training;

/// <summary>
/// Images <c>[N, C, H, W]</c> (float, [0, 1]) and their class indices, read a batch at a time, so the training loop does not
/// care whether the pixels are in memory (<see cref="TensorDataset"/>) or in a file (<see cref="SpilledTensors"/>).
/// </summary>
internal interface ILabeledTensors : IDisposable
{
    /// <summary>Number of images.</summary>
    int Count { get; }

    /// <summary>The pixels of the images at <paramref name="indices"/> (int64, any order), as a new CPU tensor.</summary>
    Tensor PixelsAt(Tensor indices);

    /// <summary>The pixels of images <paramref name="start"/> to <paramref name="start"/> + <paramref name="length"/> − 1.</summary>
    Tensor PixelsIn(long start, long length);

    /// <summary>Every image's class index <c>[N]</c> (int64): small enough to keep in memory whatever the pixels' size.</summary>
    Tensor Labels { get; }
}
