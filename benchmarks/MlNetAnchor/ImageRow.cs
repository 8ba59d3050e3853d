namespace MlNetAnchor;

/// <summary>One labelled image file: the input of the pipeline and of its <c>PredictionEngine</c>.</summary>
internal sealed class ImageRow
{
    /// <summary>The image file's absolute path.</summary>
    public string ImagePath { get; set; } = "";
    /// <summary>The class (its folder's name).</summary>
    public string Label { get; set; } = "";
}
