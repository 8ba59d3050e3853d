using ClassifierToolkit.Pipelines;
using System.Diagnostics;
using ClassifierToolkit.Torch.Devices;
using ClassifierToolkit.Torch.Export;
using ClassifierToolkit.Torch.Models;
using ClassifierToolkit.Torch.Training.Augmentation;
using ClassifierToolkit.Torch.Training.Callbacks;
using ClassifierToolkit.Torch.Training.Checkpoints;
using ClassifierToolkit.Torch.Training.Compute;
using ClassifierToolkit.Training;
using static TorchSharp.torch;

namespace ClassifierToolkit.Torch.Training;

/// <summary>
/// The one training loop: reshuffles every epoch, augments, steps the optimizer per batch under the learning-rate
/// schedule, validates under no_grad, reports through callbacks, stops on request, on cancellation and on a
/// non-finite loss. The only place that calls train/eval, zero_grad, backward and step, and the only one that raises
/// callbacks: trainers register theirs, and a fit's mode (<see cref="IFitMode"/>) reports through the loop.
/// </summary>
internal sealed class TrainingLoop
{
    // Batches between reads of the summed training loss.
    private const int LossReadInterval = 10;

    private readonly FitPlan _plan;
    private readonly IReadOnlyList<ITrainingCallback> _callbacks;

    /// <summary>Creates a loop; the options are validated here.</summary>
    public TrainingLoop(TrainingSpec options, IReadOnlyList<ITrainingCallback>? callbacks = null) : this(FitPlan.From(options), callbacks) { }

    // The plan was checked when it was made (by the trainer, or the constructor above); the callbacks are registered, never raised, by others.
    internal TrainingLoop(FitPlan plan, IReadOnlyList<ITrainingCallback>? callbacks)
    {
        _plan = plan;
        _callbacks = callbacks ?? [];
    }

    /// <summary>Trains <paramref name="model"/> (already on <paramref name="device"/>) and returns the per-epoch metrics.</summary>
    /// <param name="model">The network.</param>
    /// <param name="normalization">Applied to every batch after augmentation.</param>
    /// <param name="train">Training images and labels.</param>
    /// <param name="validation">Scored after every epoch, or null.</param>
    /// <param name="device">Where the model lives.</param>
    /// <param name="resume">Continue from this checkpoint instead of starting afresh.</param>
    /// <param name="cancellationToken">Checked before every batch.</param>
    /// <param name="plan">Which parameters train, and how fast; by default all, at the recipe's rate.</param>
    /// <exception cref="TrainingDivergedException">The loss became NaN or infinite.</exception>
    /// <exception cref="OperationCanceledException">Cancellation was requested; the model keeps its last weights.</exception>
    public IReadOnlyList<EpochMetrics> Fit(ImageClassifierModule model, InputNormalization normalization, ILabeledTensors train,
        ILabeledTensors? validation, Device device, ResumePoint? resume = null, CancellationToken cancellationToken = default, ParameterPlan? plan = null)
    {
        using var mode = new WholeModelFit(_plan, model, normalization, train, validation, plan ?? new ParameterPlan(model), ownsImages: false);
        return Fit(mode, device, resume, cancellationToken);
    }

    /// <summary>Tells the callbacks which images the data loading left out or read smaller, before any is read for training.</summary>
    internal void ReportData(TrainingControl control)
    {
        if (control.SkippedFiles.Count > 0)
            foreach (var callback in _callbacks) callback.OnFilesSkipped(control.SkippedFiles);
        if (control.ReducedImages.Count > 0)
            foreach (var callback in _callbacks) callback.OnImagesReduced(control.ReducedImages);
    }

    /// <summary>Drives one fit in <paramref name="mode"/>: announces <paramref name="start"/> (when given), has the mode prepare
    /// what it trains, runs the epochs, and has the mode finish.</summary>
    internal IReadOnlyList<EpochMetrics> Fit(IFitMode mode, Device device, ResumePoint? resume, CancellationToken cancellationToken, TrainingStart? start = null)
    {
        // The recipe's own callbacks (keepBest, earlyStopping) live for one fit, ahead of the registered ones.
        using var callbacks = new RecipeCallbacks(mode.Plan.Recipe, _callbacks);
        if (start is not null)
            foreach (var callback in callbacks.All) callback.OnTrainingStart(start);
        var target = mode.Prepare(features =>
        {
            foreach (var callback in callbacks.All) callback.OnFeaturesReady(features);
        }, cancellationToken);
        IReadOnlyList<EpochMetrics> history;
        NativeHeap.KeepTensorMemory();
        try
        {
            history = FitEpochs(mode.Plan.Recipe, target, callbacks.All, device, resume, cancellationToken);
        }
        finally
        {
            NativeHeap.ReturnFreeMemory();
        }
        mode.Finish();
        return history;
    }

    private static IReadOnlyList<EpochMetrics> FitEpochs(TrainingSpec recipe, FitTarget target, IReadOnlyList<ITrainingCallback> callbacks, Device device,
        ResumePoint? resume, CancellationToken cancellationToken)
    {
        var (model, normalization, train, validation, plan) = target;
        var groups = plan.Groups;
        using var optimizer = OptimizerFactory.Create(recipe, groups);
        using var compute = TrainingCompute.For(recipe, model, device);
        using var generator = new Generator((ulong)recipe.Seed);
        var state = new TrainingState(model, optimizer, generator, resume?.History ?? [], recipe.Epochs)
        {
            CheckpointedCallbacks = callbacks.OfType<ICheckpointedCallback>().ToList(),
        };
        if (resume is not null) TrainingCheckpoint.Restore(resume.Folder, state);
        var augmenter = new BatchAugmenter(recipe.Augmentation, generator);
        int batches = (train.Count + recipe.BatchSize - 1) / recipe.BatchSize;
        var clock = Stopwatch.StartNew();
        var run = new FitRun(recipe, model, compute, normalization, train, device, optimizer, groups, generator, augmenter, batches, clock, callbacks, cancellationToken);
        for (int epoch = resume?.NextEpoch ?? 1; epoch <= recipe.Epochs && !state.StopRequested; epoch++)
        {
            var epochStart = clock.Elapsed;
            model.train();
            plan.StartEpoch(epoch);
            compute.StartEpoch();
            double trainLoss = TrainEpoch(run, epoch);
            compute.EndEpoch();
            var trainSeconds = (clock.Elapsed - epochStart).TotalSeconds;
            var totals = validation is null ? null : Evaluate(model, normalization, validation, device, recipe.BatchSize, cancellationToken);
            var metrics = new EpochMetrics(epoch, trainLoss, totals?.MeanLoss, totals?.Accuracy,
                (clock.Elapsed - epochStart).TotalSeconds, CurrentLearningRate(optimizer), trainSeconds);
            state.Add(metrics);
            foreach (var callback in callbacks) callback.OnEpochEnd(metrics, state);
        }
        foreach (var callback in callbacks) callback.OnTrainingEnd(state);
        return state.History;
    }

    /// <summary>What every epoch of one <see cref="Fit(IFitMode, Device, ResumePoint?, CancellationToken, TrainingStart?)"/> works with.</summary>
    private sealed record FitRun(TrainingSpec Recipe, ImageClassifierModule Model, TrainingCompute Compute, InputNormalization Normalization,
        ILabeledTensors Train, Device Device, optim.Optimizer Optimizer, IReadOnlyList<ParameterGroup> Groups, Generator Generator,
        BatchAugmenter Augmenter, int Batches, Stopwatch Clock, IReadOnlyList<ITrainingCallback> Callbacks, CancellationToken CancellationToken);

    private static double TrainEpoch(FitRun run, int epoch)
    {
        var (recipe, model, compute, normalization, train, device, optimizer, groups, generator, augmenter, batches, clock, callbacks, cancellationToken) = run;
        // The loss is summed on the device and read back every few batches: a read waits for the device and costs a host
        // round trip, and progress is only drawn every 10 batches anyway. A NaN stays in the sum, so divergence is still caught.
        using var lossSum = zeros(1, device: device);
        double meanLoss = double.NaN;
        long seen = 0;
        using var order = randperm(train.Count, generator: generator);
        for (int batch = 1; batch <= batches; batch++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var scope = NewDisposeScope();
            if (recipe.Schedule.Kind != ScheduleKind.Constant)
                SetLearningRate(optimizer, groups, recipe.LearningRate * recipe.Schedule.Factor(epoch - 1 + (batch - 1) / (double)batches, recipe.Epochs));
            long start = (batch - 1L) * recipe.BatchSize;
            var indices = order.narrow(0, start, Math.Min(recipe.BatchSize, train.Count - start));
            var inputs = normalization.Apply(augmenter.Apply(train.PixelsAt(indices)).to(device));
            var targets = train.Labels.index_select(0, indices).to(device);
            optimizer.zero_grad();
            var loss = nn.functional.cross_entropy(compute.Logits(inputs), targets, label_smoothing: recipe.LabelSmoothing);
            loss.backward();
            compute.GradientsToModel();
            if (recipe.GradientClipNorm is { } maxNorm) nn.utils.clip_grad_norm_(model.parameters(), maxNorm);
            optimizer.step();
            compute.WeightsFromModel();
            lossSum.add_(loss.detach().mul(indices.shape[0]));
            seen += indices.shape[0];
            if (batch % LossReadInterval == 0 || batch == 1 || batch == batches)
            {
                double sum = lossSum.item<float>();
                if (!double.IsFinite(sum))
                    throw new TrainingDivergedException(epoch, batch, sum, recipe.Optimizer, recipe.LearningRate);
                meanLoss = sum / seen;
            }
            var progress = new BatchProgress(epoch, recipe.Epochs, batch, batches, meanLoss, clock.Elapsed);
            foreach (var callback in callbacks) callback.OnBatchEnd(progress);
        }
        return meanLoss;
    }

    /// <summary>Loss and accuracy of <paramref name="model"/> on <paramref name="data"/>, in eval mode without gradients, a
    /// training batch at a time: a forward pass holds its batch's activations (<see cref="ImageClassifierModule.forward"/>),
    /// so no larger batch than training's is ever in memory. (Batches of up to 500 held 4 GB for 263 images with resnet-mlnet
    /// at 160×160, and took 3× as long.)</summary>
    public ValidationTotals Evaluate(ImageClassifierModule model, InputNormalization normalization, ILabeledTensors data, Device device,
        CancellationToken cancellationToken = default) =>
        Evaluate(model, normalization, data, device, _plan.Recipe.BatchSize, cancellationToken);

    private static ValidationTotals Evaluate(ImageClassifierModule model, InputNormalization normalization, ILabeledTensors data, Device device,
        int batchSize, CancellationToken cancellationToken)
    {
        model.eval();
        using var noGrad = no_grad();
        double lossSum = 0;
        long correct = 0;
        for (int start = 0; start < data.Count; start += batchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var scope = NewDisposeScope();
            int length = Math.Min(batchSize, data.Count - start);
            var logits = model.forward(normalization.Apply(data.PixelsIn(start, length).to(device)));
            var targets = data.Labels.narrow(0, start, length).to(device);
            lossSum += nn.functional.cross_entropy(logits, targets, reduction: nn.Reduction.Sum).item<float>();
            correct += logits.argmax(1).eq(targets).sum().item<long>();
        }
        return new ValidationTotals(lossSum, correct, data.Count);
    }

    private static void SetLearningRate(optim.Optimizer optimizer, IReadOnlyList<ParameterGroup> groups, double learningRate)
    {
        foreach (var (group, planned) in optimizer.ParamGroups.Zip(groups)) group.LearningRate = learningRate * planned.LearningRateFactor;
    }

    private static double CurrentLearningRate(optim.Optimizer optimizer) => optimizer.ParamGroups.First().LearningRate;
}
