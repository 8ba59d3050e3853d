using ClassifierToolkit.Data;

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
}
