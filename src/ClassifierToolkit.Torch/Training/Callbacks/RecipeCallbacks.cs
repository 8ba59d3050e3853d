using ClassifierToolkit.Pipelines;

namespace ClassifierToolkit.Torch.Training.Callbacks;

/// <summary>
/// The callbacks a recipe's own settings ask for that need no run folder (<c>keepBest</c>, <c>earlyStopping</c>), ahead
/// of the caller's: so a <see cref="TrainingSpec"/> means the same from C# as from a pipeline file. Their order is part
/// of a checkpoint, and stays the one runs have always used.
/// </summary>
internal sealed class RecipeCallbacks : IDisposable
{
    private readonly List<ITrainingCallback> _own = [];

    /// <summary>The recipe's callbacks followed by <paramref name="others"/>.</summary>
    public RecipeCallbacks(TrainingSpec training, IReadOnlyList<ITrainingCallback> others)
    {
        if (training.KeepBest is { } keepBest) _own.Add(new BestWeights(keepBest));
        if (training.EarlyStopping is { } stopping) _own.Add(new EarlyStopping(stopping.Metric, stopping.Patience, stopping.MinDelta));
        All = [.. _own, .. others];
    }

    /// <summary>Every callback, in the order the loop calls them.</summary>
    public IReadOnlyList<ITrainingCallback> All { get; }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var callback in _own.OfType<IDisposable>()) callback.Dispose();
    }
}
