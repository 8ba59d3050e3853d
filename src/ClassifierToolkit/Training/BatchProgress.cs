namespace ClassifierToolkit.Training;

/// <summary>Where training is: reported after every batch.</summary>
/// <param name="Epoch">1-based epoch.</param>
/// <param name="Epochs">Epochs planned.</param>
/// <param name="Batch">1-based batch within the epoch.</param>
/// <param name="Batches">Batches per epoch.</param>
/// <param name="Loss">Running mean training loss of this epoch.</param>
/// <param name="Elapsed">Time since training started.</param>
public sealed record BatchProgress(int Epoch, int Epochs, int Batch, int Batches, double Loss, TimeSpan Elapsed)
{
    /// <summary>Fraction of all planned batches done.</summary>
    public double Fraction => ((Epoch - 1) * (double)Batches + Batch) / (Epochs * (double)Batches);

    /// <summary>Estimated time left, extrapolated from the pace so far.</summary>
    public TimeSpan Remaining => Fraction > 0 ? TimeSpan.FromSeconds(Elapsed.TotalSeconds * (1 - Fraction) / Fraction) : TimeSpan.Zero;
}
