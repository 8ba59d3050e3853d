using ClassifierToolkit.Training;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ClassifierToolkit.Torch.Training.Callbacks;

/// <summary>Writes TensorBoard event files: train loss every few batches; per-epoch losses, accuracy and learning rate.</summary>
public sealed class TensorBoardLogger : ITrainingCallback
{
    private const int BatchInterval = 20;
    private readonly SummaryWriter _writer;

    /// <summary>Logs into <paramref name="folder"/> (open it with <c>tensorboard --logdir</c>).</summary>
    public TensorBoardLogger(string folder)
    {
        Directory.CreateDirectory(folder);
        _writer = utils.tensorboard.SummaryWriter(folder);
    }

    /// <inheritdoc />
    public void OnBatchEnd(BatchProgress progress)
    {
        if (progress.Batch % BatchInterval == 0)
            _writer.add_scalar("batch/train_loss", (float)progress.Loss, (progress.Epoch - 1) * progress.Batches + progress.Batch);
    }

    /// <inheritdoc />
    public void OnEpochEnd(EpochMetrics metrics)
    {
        _writer.add_scalar("epoch/train_loss", (float)metrics.TrainLoss, metrics.Epoch);
        if (metrics.ValLoss is { } loss) _writer.add_scalar("epoch/val_loss", (float)loss, metrics.Epoch);
        if (metrics.ValAccuracy is { } accuracy) _writer.add_scalar("epoch/val_accuracy", (float)accuracy, metrics.Epoch);
        _writer.add_scalar("epoch/learning_rate", (float)metrics.LearningRate, metrics.Epoch);
    }
}
