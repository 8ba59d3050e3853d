namespace ClassifierToolkit.Data.Sources;

/// <summary>
/// The data sources by name (<c>fashion-mnist</c>, <c>folder</c>; more can be registered), the one place every command and
/// the pipeline loader choose how to read data.
/// </summary>
public static class ImageDataSources
{
    private static readonly List<IImageDataSource> Registered = [new FashionMnistDataSource(), new FolderDataSource()];
    private static readonly Lock Gate = new();

    /// <summary>The registered names, in registration order.</summary>
    public static IReadOnlyList<string> Names
    {
        get { lock (Gate) return [.. Registered.Select(s => s.Name)]; }
    }

    /// <summary>Adds a kind of data; its name must be new.</summary>
    /// <exception cref="ArgumentException">The name is taken.</exception>
    public static void Register(IImageDataSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        lock (Gate)
        {
            if (Registered.Any(s => s.Name == source.Name)) throw new ArgumentException($"A data source named '{source.Name}' is already registered.", nameof(source));
            Registered.Add(source);
        }
    }

    /// <summary>The source named <paramref name="name"/>, or null.</summary>
    public static IImageDataSource? Find(string name)
    {
        lock (Gate) return Registered.FirstOrDefault(s => s.Name == name);
    }

    /// <summary>The source named <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">No such source; lists the names.</exception>
    public static IImageDataSource Get(string name) =>
        Find(name) ?? throw new ArgumentException($"'{name}' is not a data source. Known sources: {string.Join(", ", Names)}.", nameof(name));

    /// <summary>
    /// What a command's <c>--data</c> names: the name of a source that finds its own files (its data in the usual places),
    /// or else a folder of pictures with one sub-folder per class (so a folder called <c>folder</c> is a folder).
    /// </summary>
    public static (IImageDataSource Source, string? Path) ForArgument(string data) =>
        Find(data) is { PathIsDataDirectory: true } named ? (named, null) : (Get(FolderDataSource.SourceName), data);
}
