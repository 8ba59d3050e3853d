using ClassifierToolkit.Data;
using ClassifierToolkit.Torch.Training;
using static TorchSharp.torch;

namespace ClassifierToolkit.Tests.Support;

/// <summary>The committed Fashion-MNIST sample, loaded once.</summary>
internal static class SampleData
{
    private static readonly Lazy<LabeledImageSet> LazyTrain = new(() => FashionMnist.LoadFrom(TestPaths.FashionMnistSample, DataSplitKind.Train));
    private static readonly Lazy<LabeledImageSet> LazyTest = new(() => FashionMnist.LoadFrom(TestPaths.FashionMnistSample, DataSplitKind.Test));

    /// <summary>3,000 training images.</summary>
    public static LabeledImageSet Train => LazyTrain.Value;

    /// <summary>500 test images.</summary>
    public static LabeledImageSet Test => LazyTest.Value;

    /// <summary>The first <paramref name="count"/> training images as the loop takes them: pixels <c>[N, 1, 28, 28]</c> in [0, 1], labels.</summary>
    public static TensorDataset TrainTensors(int count)
    {
        var images = Train.Take(count);
        return new TensorDataset(tensor(images.Pixels, [images.Count, 1, 28, 28]).to(float32).div_(255), tensor(images.Labels.Select(l => (long)l).ToArray()));
    }
}
