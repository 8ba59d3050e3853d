namespace ClassifierToolkit.Torch.Training;

/// <summary>Summed loss and correct count over a validation pass.</summary>
internal sealed record ValidationTotals(double LossSum, long Correct, long Count)
{
    /// <summary>Mean loss per image.</summary>
    public double MeanLoss => Count == 0 ? double.NaN : LossSum / Count;
    /// <summary>Fraction classified correctly.</summary>
    public double Accuracy => Count == 0 ? double.NaN : (double)Correct / Count;
}
