using ClassifierToolkit.Pipelines;
namespace ClassifierToolkit.Torch.Training;

/// <summary>The loss became NaN or infinite: training stopped instead of silently producing a useless model.</summary>
public sealed class TrainingDivergedException : Exception
{
    /// <summary>Creates the exception with the place and a likely cause.</summary>
    public TrainingDivergedException(int epoch, int batch, double loss, OptimizerKind optimizer, double learningRate)
        : base($"Training diverged at epoch {epoch}, batch {batch}: the loss is {loss}. " +
               $"The learning rate {learningRate} is likely too high for {SpecEnum<OptimizerKind>.Name(optimizer)}; " +
               $"try {learningRate / 10} (or check the input data for NaN values).")
    {
        Epoch = epoch;
        Batch = batch;
    }

    /// <summary>1-based epoch where it happened.</summary>
    public int Epoch { get; }
    /// <summary>1-based batch where it happened.</summary>
    public int Batch { get; }
}
