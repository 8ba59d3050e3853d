using ClassifierToolkit.Serving;

namespace ClassifierToolkit.Cli.Ui.Runs;

/// <summary>
/// The runs' models in one <see cref="ImageClassifierPool"/> (thread-safe, as <c>ctk serve</c> serves them), each loaded on first
/// use under its run's id, loaded again when its file was replaced (the run trained again), and only the last few kept in memory.
/// </summary>
internal sealed class RunModels(ImageClassifierPool pool) : IDisposable
{
    /// <summary>How many runs' models stay loaded; the least recently used is freed once its running calls end.</summary>
    public const int Capacity = 4;

    private readonly LinkedList<(string Name, DateTime WrittenUtc)> _loaded = [];

    public ImageClassifierPool Pool => pool;

    /// <summary>The pool's name for <paramref name="run"/>'s model, loaded and current.</summary>
    /// <exception cref="UiRequestException">404 when the run has no model; 409 when its file is not a readable toolkit model.</exception>
    public string Serve(RunFolder run)
    {
        var path = run.ModelPath ?? throw UiRequestException.NotFound($"The run '{run.Entry.Id}' has no model .zip (model.zip, best.zip or <Name>.zip beside <Name>.ctk.json).");
        string name = run.Entry.Id;
        var written = File.GetLastWriteTimeUtc(path);
        lock (_loaded)
        {
            try
            {
                var node = _loaded.First;
                while (node is not null && node.Value.Name != name) node = node.Next;
                if (node is not null)
                {
                    _loaded.Remove(node);
                    if (node.Value.WrittenUtc != written) pool.Reload(name);
                }
                else
                {
                    if (_loaded.Count == Capacity)
                    {
                        pool.Remove(_loaded.Last!.Value.Name);
                        _loaded.RemoveLast();
                    }
                    pool.Add(name, path);
                }
                _loaded.AddFirst((name, written));
            }
            catch (InvalidDataException e)
            {
                throw UiRequestException.Conflict($"The run '{run.Entry.Id}' has a model that cannot be loaded: {e.Message}");
            }
        }
        return name;
    }

    public void Dispose() => pool.Dispose();
}
