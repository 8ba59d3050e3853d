using System.Collections.Concurrent;
using ClassifierToolkit.Prediction;
using ClassifierToolkit.Serving.Pool;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.ML.Data;

namespace ClassifierToolkit.Serving;

/// <summary>
/// Named classifier models for an app: thread-safe prediction on every model, and hot reload. When a watched model file is
/// replaced (written then renamed, or overwritten in place) the new file loads in the background; calls already running
/// finish on the old model, later calls get the new one, none fails; a replacement that cannot be loaded is refused with a
/// logged error and the old model keeps serving. A replaced model's native memory is freed when its last call ends.
/// Register it with <c>services.AddImageClassifier(...)</c> or create one directly.
/// </summary>
public sealed class ImageClassifierPool : IDisposable
{
    private readonly ConcurrentDictionary<string, Entry> _models = new(StringComparer.Ordinal);
    private readonly ILogger _logger;
    private bool _disposed;

    /// <summary>An empty pool; add models with <see cref="Add"/>.</summary>
    /// <param name="logger">Where reloads and refused replacements are reported; none by default.</param>
    public ImageClassifierPool(ILogger<ImageClassifierPool>? logger = null) => _logger = logger ?? NullLogger<ImageClassifierPool>.Instance;

    /// <summary>The models' names.</summary>
    public IReadOnlyCollection<string> Names => [.. _models.Keys.Order(StringComparer.Ordinal)];

    /// <summary>Raised after a model was replaced by a newer file (name, the new model's identity).</summary>
    public event Action<string, ModelIdentity>? Reloaded;

    /// <summary>Loads <paramref name="path"/> and serves it as <paramref name="name"/>.</summary>
    /// <param name="name">The model's name in this pool.</param>
    /// <param name="path">A classifier <c>.zip</c> saved by the toolkit.</param>
    /// <param name="watchForChanges">Reload the file when it is replaced.</param>
    /// <exception cref="ArgumentException">The name is empty or already used.</exception>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="InvalidDataException">The file is not a readable toolkit classifier.</exception>
    public void Add(string name, string path, bool watchForChanges = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ObjectDisposedException.ThrowIf(_disposed, this);
        // Checked before loading (no wasted load) and by the add itself (two threads adding one name).
        if (_models.ContainsKey(name)) throw NameInUse(name);
        var entry = new Entry(Path.GetFullPath(path), new ModelSlot(ImageClassifier.Load(path)));
        if (!_models.TryAdd(name, entry))
        {
            entry.Dispose();
            throw NameInUse(name);
        }
        if (watchForChanges) entry.Watcher = new ModelFileWatcher(entry.Path, () => Reload(name));
        _logger.LogInformation("Serving model '{Name}' from {Path} (sha256 {Sha256}).", name, entry.Path, entry.Slot.Current.Identity.Sha256);
    }

    /// <summary>Stops serving <paramref name="name"/>: later calls do not find it; calls already running finish, then its memory is freed.</summary>
    /// <returns>False when the pool has no model of that name.</returns>
    public bool Remove(string name)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!_models.TryRemove(name, out var entry)) return false;
        lock (entry) entry.Dispose();
        _logger.LogInformation("Model '{Name}' is no longer served.", name);
        return true;
    }

    /// <summary>What is served as <paramref name="name"/>: its file, hash, load time, classes and input size.</summary>
    /// <exception cref="KeyNotFoundException">No model of that name; the message lists the names.</exception>
    public ServedModelInfo Describe(string name)
    {
        var model = Find(name).Slot.Current;
        return new ServedModelInfo(name, model.Identity, model.ClassNames, model.Channels, model.Height, model.Width);
    }

    /// <summary>The model new calls get (tests check what a reload frees).</summary>
    internal ImageClassifier Current(string name) => Find(name).Slot.Current;

    /// <summary>Predicts one image with model <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">No model of that name.</exception>
    /// <exception cref="FileNotFoundException">An image file that does not exist.</exception>
    /// <exception cref="InvalidDataException">The image cannot be decoded; the message names it.</exception>
    public ClassifierPrediction Predict(string name, ImageData image) => Find(name).Slot.Use(model => model.Predict(image));

    /// <summary>Predicts an image file.</summary>
    public ClassifierPrediction Predict(string name, string imagePath) => Predict(name, ImageData.FromFile(imagePath));

    /// <summary>Predicts encoded image bytes (PNG, JPEG, BMP, GIF, WEBP).</summary>
    public ClassifierPrediction Predict(string name, byte[] image) => Predict(name, ImageData.FromBytes(image));

    /// <summary>Predicts an encoded image read from <paramref name="image"/>.</summary>
    public ClassifierPrediction Predict(string name, Stream image) => Predict(name, ImageData.FromStream(image));

    /// <summary>Predicts a decoded image (not disposed here).</summary>
    public ClassifierPrediction Predict(string name, MLImage image) => Predict(name, ImageData.FromImage(image));

    /// <summary>Predicts many images at once, decoded in parallel and scored in batches.</summary>
    /// <exception cref="InvalidDataException">An image cannot be decoded; the message names the first such image.</exception>
    public IReadOnlyList<ClassifierPrediction> PredictBatch(string name, IReadOnlyList<ImageData> images) =>
        Find(name).Slot.Use(model => model.PredictBatch(images));

    /// <summary>Loads model <paramref name="name"/>'s file again now, if its content changed. Watched models call this themselves.</summary>
    /// <returns>True when a new model is now served; false when the content was unchanged or the file was refused (logged).</returns>
    public bool Reload(string name)
    {
        var entry = Find(name);
        lock (entry)
        {
            if (_disposed) return false;
            var old = entry.Slot.Current.Identity;
            ImageClassifier replacement;
            try
            {
                if (IO.ContentHash.OfFile(entry.Path) == old.Sha256) return false;
                replacement = ImageClassifier.Load(entry.Path);
            }
            catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
            {
                _logger.LogError(e, "Model '{Name}': the new {Path} was refused, still serving the model loaded at {LoadedUtc:u} (sha256 {Sha256}): {Message}",
                    name, entry.Path, old.LoadedUtc, old.Sha256, e.Message);
                return false;
            }
            entry.Slot.Replace(replacement);
            _logger.LogInformation("Model '{Name}' reloaded from {Path} (sha256 {Sha256}, was {OldSha256}).", name, entry.Path, replacement.Identity.Sha256, old.Sha256);
            Reloaded?.Invoke(name, replacement.Identity);
            return true;
        }
    }

    /// <summary>Stops watching and frees every model once its running calls end.</summary>
    public void Dispose()
    {
        _disposed = true;
        foreach (var entry in _models.Values) lock (entry) entry.Dispose();
        _models.Clear();
    }

    private static ArgumentException NameInUse(string name) =>
        new($"A model named '{name}' is already in the pool; give each model its own name.", nameof(name));

    private Entry Find(string name)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _models.TryGetValue(name, out var entry) ? entry
            : throw new KeyNotFoundException($"No model named '{name}' in the pool. Its models: {(_models.IsEmpty ? "none" : string.Join(", ", Names))}.");
    }

    private sealed class Entry(string path, ModelSlot slot) : IDisposable
    {
        public string Path { get; } = path;
        public ModelSlot Slot { get; } = slot;
        public ModelFileWatcher? Watcher { get; set; }

        public void Dispose()
        {
            Watcher?.Dispose();
            Slot.Dispose();
        }
    }
}
