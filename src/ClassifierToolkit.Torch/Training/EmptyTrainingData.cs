namespace ClassifierToolkit.Torch.Training;

/// <summary>What a fit says, whichever its mode, when there is no training image.</summary>
internal static class EmptyTrainingData
{
    public const string Message = "The training data is empty: there is nothing to learn from.";
}
