namespace ClassifierToolkit.Serving.Pool;

/// <summary>
/// Calls back when a model file is replaced (renamed over, or overwritten in place), once the writes have been quiet for
/// <see cref="QuietPeriod"/>: an in-place copy raises many change events, and loading half a file is wasted work.
/// </summary>
internal sealed class ModelFileWatcher : IDisposable
{
    /// <summary>How long the file must go unchanged before the callback runs.</summary>
    public static readonly TimeSpan QuietPeriod = TimeSpan.FromMilliseconds(300);

    private readonly FileSystemWatcher _watcher;
    private readonly Timer _timer;

    public ModelFileWatcher(string path, Action changed)
    {
        var fullPath = Path.GetFullPath(path);
        _timer = new Timer(_ => changed(), null, Timeout.Infinite, Timeout.Infinite);
        _watcher = new FileSystemWatcher(Path.GetDirectoryName(fullPath)!, Path.GetFileName(fullPath))
        {
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
        };
        _watcher.Changed += (_, _) => Restart();
        _watcher.Created += (_, _) => Restart();
        _watcher.Renamed += (_, e) => { if (string.Equals(e.FullPath, fullPath, StringComparison.Ordinal)) Restart(); };
        _watcher.EnableRaisingEvents = true;
    }

    public void Dispose()
    {
        _watcher.Dispose();
        _timer.Dispose();
    }

    private void Restart() => _timer.Change(QuietPeriod, Timeout.InfiniteTimeSpan);
}
