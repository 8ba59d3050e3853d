using System.Diagnostics;
using ClassifierToolkit.Torch.Export;
using ClassifierToolkit.Torch.Models;
using ClassifierToolkit.Training;
using static TorchSharp.torch;

namespace ClassifierToolkit.Torch.Training;

/// <summary>
/// The one training loop: reshuffles every epoch, steps the optimizer per batch, validates under no_grad, reports
/// through callbacks, stops on cancellation and on a non-finite loss. The only place that calls train/eval,
/// zero_grad, backward and step.
/// </summary>
public sealed class TrainingLoop
{
    private readonly TrainingLoopOptions _options;
    private readonly IReadOnlyList<ITrainingCallback> _callbacks;

    /// <summary>Creates a loop.</summary>
    public TrainingLoop(TrainingLoopOptions options, IReadOnlyList<ITrainingCallback>? callbacks = null)
    {
        if (options.BatchSize < 1) throw new ArgumentOutOfRangeException(nameof(options), options.BatchSize, "BatchSize must be at least 1.");
        if (options.MaxEpochs < 1) throw new ArgumentOutOfRangeException(nameof(options), options.MaxEpochs, "MaxEpochs must be at least 1.");
        if (!(options.LearningRate > 0)) throw new ArgumentOutOfRangeException(nameof(options), options.LearningRate, "LearningRate must be positive.");
        _options = options;
        _callbacks = callbacks ?? [];
    }

    /// <summary>Trains <paramref name="model"/> (already on <paramref name="device"/>) and returns the per-epoch metrics.</summary>
    /// <exception cref="TrainingDivergedException">The loss became NaN or infinite.</exception>
    /// <exception cref="OperationCanceledException">Cancellation was requested; the model keeps its last weights.</exception>
    public IReadOnlyList<EpochMetrics> Fit(ImageClassifierModule model, InputNormalization normalization, TensorDataset train,
        TensorDataset? validation, Device device, CancellationToken cancellationToken = default)
    {
        using var optimizer = OptimizerFactory.Create(_options.Optimizer, model.parameters(), _options.LearningRate, _options.Momentum);
        using var shuffle = new Generator((ulong)_options.Seed);
        int batches = (train.Count + _options.BatchSize - 1) / _options.BatchSize;
        var history = new List<EpochMetrics>();
        var clock = Stopwatch.StartNew();
        for (int epoch = 1; epoch <= _options.MaxEpochs; epoch++)
        {
            var epochStart = clock.Elapsed;
            model.train();
            double lossSum = 0;
            long seen = 0;
            using var order = randperm(train.Count, generator: shuffle);
            for (int batch = 1; batch <= batches; batch++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                using var scope = NewDisposeScope();
                var indices = order.narrow(0, (batch - 1) * _options.BatchSize, Math.Min(_options.BatchSize, train.Count - (batch - 1) * _options.BatchSize));
                var inputs = normalization.Apply(train.Pixels.index_select(0, indices).to(device));
                var targets = train.Labels.index_select(0, indices).to(device);
                optimizer.zero_grad();
                var loss = nn.functional.cross_entropy(model.forward(inputs), targets);
                loss.backward();
                optimizer.step();
                double value = loss.item<float>();
                if (!double.IsFinite(value))
                    throw new TrainingDivergedException(epoch, batch, value, _options.Optimizer, _options.LearningRate);
                lossSum += value * indices.shape[0];
                seen += indices.shape[0];
                var progress = new BatchProgress(epoch, _options.MaxEpochs, batch, batches, lossSum / seen, clock.Elapsed);
                foreach (var callback in _callbacks) callback.OnBatchEnd(progress);
            }
            var totals = validation is null ? null : Evaluate(model, normalization, validation, device, cancellationToken);
            var metrics = new EpochMetrics(epoch, lossSum / seen, totals?.MeanLoss, totals?.Accuracy,
                (clock.Elapsed - epochStart).TotalSeconds, _options.LearningRate);
            history.Add(metrics);
            foreach (var callback in _callbacks) callback.OnEpochEnd(metrics);
        }
        return history;
    }

    /// <summary>Loss and accuracy of <paramref name="model"/> on <paramref name="data"/>, in eval mode without gradients.</summary>
    public ValidationTotals Evaluate(ImageClassifierModule model, InputNormalization normalization, TensorDataset data, Device device,
        CancellationToken cancellationToken = default)
    {
        model.eval();
        using var noGrad = no_grad();
        double lossSum = 0;
        long correct = 0;
        for (int start = 0; start < data.Count; start += _options.EvaluationBatchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var scope = NewDisposeScope();
            int length = Math.Min(_options.EvaluationBatchSize, data.Count - start);
            var logits = model.forward(normalization.Apply(data.Pixels.narrow(0, start, length).to(device)));
            var targets = data.Labels.narrow(0, start, length).to(device);
            lossSum += nn.functional.cross_entropy(logits, targets, reduction: nn.Reduction.Sum).item<float>();
            correct += logits.argmax(1).eq(targets).sum().item<long>();
        }
        return new ValidationTotals(lossSum, correct, data.Count);
    }
}
