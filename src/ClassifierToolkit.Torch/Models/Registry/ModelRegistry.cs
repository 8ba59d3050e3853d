using ClassifierToolkit.Pipelines;
using ClassifierToolkit.Preprocessing;

namespace ClassifierToolkit.Torch.Models.Registry;

/// <summary>One registered model: its name, a one-line description and its factory.</summary>
public sealed record ModelEntry(string Name, string Description, Func<ModelOptions, ImageClassifierModule> Factory);

/// <summary>Models by name, so a pipeline file can say <c>"model": "cnn"</c>.</summary>
public sealed class ModelRegistry
{
    // Any count works for checking settings; the real one is known only once the data are read.
    private const int CheckClassCount = 2;

    private readonly Dictionary<string, ModelEntry> _entries = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The registry holding the built-in models.</summary>
    public static ModelRegistry Default { get; } = BuiltInModels.CreateRegistry();

    /// <summary>Registered names, sorted.</summary>
    public IReadOnlyList<string> Names => _entries.Keys.Order(StringComparer.Ordinal).ToList();

    /// <summary>Registered entries, sorted by name.</summary>
    public IEnumerable<ModelEntry> Entries => Names.Select(name => _entries[name]);

    /// <summary>Registers a model.</summary>
    /// <exception cref="ArgumentException">The name is taken.</exception>
    public void Add(string name, string description, Func<ModelOptions, ImageClassifierModule> factory)
    {
        if (!_entries.TryAdd(name, new ModelEntry(name, description, factory)))
            throw new ArgumentException($"A model named '{name}' is already registered.", nameof(name));
    }

    /// <summary>True when <paramref name="name"/> is registered.</summary>
    public bool Contains(string name) => _entries.ContainsKey(name);

    /// <summary>Builds the model registered as <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">Unknown name; the message suggests the nearest ones.</exception>
    public ImageClassifierModule Create(string name, ModelOptions options)
    {
        if (_entries.TryGetValue(name, out var entry)) return entry.Factory(options);
        throw new ArgumentException(UnknownNameMessage(name), nameof(name));
    }

    /// <summary>
    /// Checks a pipeline's model section against the registry before any data are loaded: the name is registered and the
    /// family accepts the settings for this input (by building the model once, on the CPU, and discarding it).
    /// </summary>
    /// <exception cref="PipelineSpecException">Unknown name (<c>$.model.name</c>, nearest names suggested) or settings the family refuses (<c>$.model.settings</c>).</exception>
    public void Check(ModelSpec model, InputShape input, string file)
    {
        if (!Contains(model.Name)) throw new PipelineSpecException(file, "$.model.name", UnknownNameMessage(model.Name));
        try
        {
            using var built = Create(model.Name, ModelOptions.From(model, CheckClassCount, input));
        }
        catch (ArgumentException e)
        {
            throw new PipelineSpecException(file, "$.model.settings", $"{e.Message.Split(" (Parameter '")[0]}", e);
        }
    }

    /// <summary>The error text for an unknown name: the nearest names, and how to list them all.</summary>
    public string UnknownNameMessage(string name)
    {
        var nearest = Names.OrderBy(candidate => EditDistance(name.ToLowerInvariant(), candidate.ToLowerInvariant())).Take(2).ToList();
        return $"Unknown model '{name}'. Did you mean {string.Join(" or ", nearest.Select(n => $"'{n}'"))}? Run 'ctk models' to list them (known: {string.Join(", ", Names)}).";
    }

    private static int EditDistance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (int i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            previous = current;
        }
        return previous[b.Length];
    }
}
