namespace MlNetAnchor;

/// <summary>What a <c>PredictionEngine</c> hands back: the predicted class as text.</summary>
internal sealed class ScoredRow
{
    /// <summary>The predicted class name.</summary>
    public string PredictedLabel { get; set; } = "";
}
