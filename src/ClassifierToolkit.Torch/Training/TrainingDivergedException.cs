using ClassifierToolkit.Pipelines;
namespace ClassifierToolkit.Torch.Training;

/// <summary>The loss became NaN or infinite: training stopped instead of silently producing a useless model.</summary>
public sealed class TrainingDivergedException : Exception
{
    /// <summary>Creates the exception with the place and a likely cause.</summary>
    public TrainingDivergedException(int epoch, int batch, double loss, OptimizerKind optimizer, double learningRate)
        : base($"Training diverged in epoch {epoch} by batch {batch}: the loss is {loss}. " +
               $"The learning rate {learningRate} is likely too high for {SpecEnum<OptimizerKind>.Name(optimizer)}; " +
               $"try {learningRate / 10} (or check the input data for NaN values).")
    {
        Epoch = epoch;
        Batch = batch;
    }

    /// <summary>1-based epoch where it happened.</summary>
    public int Epoch { get; }
    /// <summary>1-based batch by which it was seen (the loss is read back every few batches).</summary>
    public int Batch { get; }
}
