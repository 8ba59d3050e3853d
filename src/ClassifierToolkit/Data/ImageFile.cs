namespace ClassifierToolkit.Data;

/// <summary>One row of an image-folder data set: a file and its class name (the ML.NET input row).</summary>
public sealed class ImageFile
{
    /// <summary>The image file's path.</summary>
    public string ImagePath { get; set; } = "";
    /// <summary>The class name (the sub-folder's name).</summary>
    public string Label { get; set; } = "";
}
