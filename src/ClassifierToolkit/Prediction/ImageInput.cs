namespace ClassifierToolkit.Prediction;

/// <summary>The input row of a saved classifier: one image file.</summary>
public sealed class ImageInput
{
    /// <summary>The image file's path.</summary>
    public string ImagePath { get; set; } = "";
}
