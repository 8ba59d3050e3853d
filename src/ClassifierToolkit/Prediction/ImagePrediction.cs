namespace ClassifierToolkit.Prediction;

/// <summary>The output row of a saved classifier.</summary>
public sealed class ImagePrediction
{
    /// <summary>The most likely class name.</summary>
    public string PredictedLabel { get; set; } = "";
    /// <summary>Probabilities per class (sum 1), in the order of the model's class names.</summary>
    public float[] Score { get; set; } = [];
}
