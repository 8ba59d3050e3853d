namespace ClassifierToolkit.Cli.Ui.Runs;

/// <summary>
/// The last few values a page needed (a run's predictions, its test set's files), each made once however many requests ask
/// for it at the same time; the least recently used goes when the cache is full. A value that failed to load is not kept.
/// </summary>
internal sealed class LruCache<TValue>(int capacity)
{
    private readonly LinkedList<(string Key, Lazy<TValue> Value)> _entries = [];

    /// <summary>The value for <paramref name="key"/>, made by <paramref name="load"/> when the cache does not hold it. Keys should
    /// name the source's version too (e.g. a file's write time), so a changed file is read again.</summary>
    public TValue GetOrAdd(string key, Func<TValue> load)
    {
        Lazy<TValue> value;
        lock (_entries)
        {
            var node = _entries.First;
            while (node is not null && node.Value.Key != key) node = node.Next;
            if (node is null)
            {
                node = new LinkedListNode<(string, Lazy<TValue>)>((key, new Lazy<TValue>(load, LazyThreadSafetyMode.ExecutionAndPublication)));
                if (_entries.Count == capacity) _entries.RemoveLast();
            }
            else _entries.Remove(node);
            _entries.AddFirst(node);
            value = node.Value.Value;
        }
        try
        {
            // Made outside the lock: one slow load holds up only the requests that need it.
            return value.Value;
        }
        catch
        {
            lock (_entries)
            {
                var failed = _entries.First;
                while (failed is not null && !ReferenceEquals(failed.Value.Value, value)) failed = failed.Next;
                if (failed is not null) _entries.Remove(failed);
            }
            throw;
        }
    }
}
