using System.Text.Json.Serialization;

namespace ClassifierToolkit.Evaluation;

/// <summary>
/// One test image the model got confidently wrong: misclassified, ranked by the probability it gave the true class
/// (lowest first, i.e. highest cross-entropy loss). The view fastai calls "top losses": where to look for mislabelled or odd pictures.
/// </summary>
public sealed record TopLoss
{
    /// <summary>The image's row in the test set as evaluated (0-based): for in-memory data such as Fashion-MNIST's IDX files, the image's index there.</summary>
    public int Index { get; init; }
    /// <summary>The image file; null for in-memory data (then <see cref="Index"/> names the image).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ImagePath { get; init; }
    /// <summary>The class the test set gives the image.</summary>
    public string TrueLabel { get; init; } = "";
    /// <summary>The class the model predicted.</summary>
    public string PredictedLabel { get; init; } = "";
    /// <summary>The model's probability for <see cref="PredictedLabel"/>.</summary>
    public double PredictedProbability { get; init; }
    /// <summary>The model's probability for <see cref="TrueLabel"/>; the loss is its negative logarithm.</summary>
    public double TrueProbability { get; init; }

    // The picture of an in-memory image, as the model saw it; not part of metrics.json.
    internal ThumbnailPixels? Pixels { get; init; }

    /// <summary>How a report names the image: the file path, or its index in the test set.</summary>
    public string Describe() => ImagePath ?? $"test image #{Index}";
}
