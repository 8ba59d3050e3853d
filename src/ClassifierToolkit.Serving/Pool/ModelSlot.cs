using ClassifierToolkit.Prediction;

namespace ClassifierToolkit.Serving.Pool;

/// <summary>
/// The model currently served under one name, swappable while requests run: each call holds a reference to the model it
/// started on, a swap only changes what new calls get, and a replaced model is disposed (its native memory freed) when
/// its last call ends.
/// </summary>
internal sealed class ModelSlot : IDisposable
{
    private Holder _current;

    public ModelSlot(ImageClassifier model) => _current = new Holder(model);

    /// <summary>The model new calls get (for its identity; use <see cref="Use{T}"/> to predict).</summary>
    public ImageClassifier Current => Volatile.Read(ref _current).Model;

    /// <summary>Runs <paramref name="call"/> on the current model, which stays alive until it returns.</summary>
    public T Use<T>(Func<ImageClassifier, T> call)
    {
        var holder = Acquire();
        try
        {
            return call(holder.Model);
        }
        finally
        {
            holder.Release();
        }
    }

    /// <summary>Serves <paramref name="model"/> from now on; the old one is disposed once its calls end.</summary>
    public void Replace(ImageClassifier model) => Interlocked.Exchange(ref _current, new Holder(model)).Release();

    public void Dispose() => Volatile.Read(ref _current).Release();

    private Holder Acquire()
    {
        while (true)
        {
            var holder = Volatile.Read(ref _current);
            if (holder.TryAcquire()) return holder;
            // Replaced and released between the read and the acquire: the next read sees the new one.
        }
    }

    // Counts the slot's own reference plus one per running call.
    private sealed class Holder(ImageClassifier model)
    {
        private int _references = 1;

        public ImageClassifier Model { get; } = model;

        public bool TryAcquire()
        {
            int seen = Volatile.Read(ref _references);
            while (seen > 0)
            {
                int previous = Interlocked.CompareExchange(ref _references, seen + 1, seen);
                if (previous == seen) return true;
                seen = previous;
            }
            return false;
        }

        public void Release()
        {
            if (Interlocked.Decrement(ref _references) == 0) Model.Dispose();
        }
    }
}
