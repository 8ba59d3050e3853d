namespace ClassifierToolkit;

/// <summary>Column names shared by every pipeline, trainer and saved model.</summary>
public static class ColumnNames
{
    /// <summary>Input of a saved model: the path of an image file.</summary>
    public const string ImagePath = "ImagePath";
    /// <summary>The class name of a training or evaluation row.</summary>
    public const string Label = "Label";
    /// <summary>The decoded image (internal to the preprocessing chain).</summary>
    public const string Image = "Image";
    /// <summary>Pixels scaled to [0, 1], shaped channels × height × width.</summary>
    public const string Pixels = "Pixels";
    /// <summary>The network's raw class scores.</summary>
    public const string Logits = "Logits";
    /// <summary>Class probabilities (sum 1), slot names are the class names.</summary>
    public const string Score = "Score";
    /// <summary>The predicted class name.</summary>
    public const string PredictedLabel = "PredictedLabel";
}
