using System.Globalization;

namespace ClassifierToolkit.Data;

/// <summary>
/// Says that the small sample bundled with the app stands in for Fashion-MNIST: how many images it holds, why the full
/// set was not found, and how to get it. <see cref="FashionMnistLocator"/> reports it when it falls back.
/// </summary>
/// <param name="Folder">The sample's folder.</param>
/// <param name="TrainImages">Training images in the sample.</param>
/// <param name="TestImages">Test images in the sample.</param>
/// <param name="Reason">Why the full set was not used: where it was looked for and what the download said.</param>
/// <param name="WaysToGetFullSet">What the user can do to get the full set, one way per entry.</param>
public sealed record FashionMnistSampleNotice(string Folder, int TrainImages, int TestImages, string Reason, IReadOnlyList<string> WaysToGetFullSet)
{
    /// <summary>One sentence for reports and <c>metrics.json</c>: the sample's size against the full set's, and what that means.</summary>
    public string Summary => string.Create(CultureInfo.InvariantCulture,
        $"The bundled Fashion-MNIST sample was used ({TrainImages:N0} training and {TestImages:N0} test images), not the full set " +
        $"({FashionMnist.FullTrainImageCount:N0} and {FashionMnist.FullTestImageCount:N0}): accuracy is lower than on the full set.");
}
