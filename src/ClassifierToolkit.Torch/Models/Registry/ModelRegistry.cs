using ClassifierToolkit.Pipelines;
using ClassifierToolkit.Preprocessing;

namespace ClassifierToolkit.Torch.Models.Registry;

/// <summary>
/// Models by name, so a pipeline file can say <c>"model": "cnn"</c>. A model may also answer to aliases (names it had
/// before a rename), so saved pipelines keep working; aliases resolve wherever a name is accepted but are not listed
/// among the <see cref="Names"/>.
/// </summary>
public sealed class ModelRegistry
{
    // Any count works for checking settings; the real one is known only once the data are read.
    private const int CheckClassCount = 2;
    private const int Suggestions = 2;

    private readonly Dictionary<string, ModelEntry> _entries = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _aliases = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The registry holding the built-in models.</summary>
    public static ModelRegistry Default { get; } = BuiltInModels.CreateRegistry();

    /// <summary>Registered names, sorted; aliases are not among them.</summary>
    public IReadOnlyList<string> Names => _entries.Keys.Order(StringComparer.Ordinal).ToList();

    /// <summary>Registered entries, sorted by name.</summary>
    public IEnumerable<ModelEntry> Entries => Names.Select(name => _entries[name]);

    /// <summary>Registers a model that has no input preference (<see cref="ModelCard.Any"/>).</summary>
    /// <exception cref="ArgumentException">The name is taken by a model or an alias.</exception>
    public void Add(string name, string description, Func<ModelOptions, ImageClassifierModule> factory) =>
        Add(name, description, ModelCard.Any, factory);

    /// <summary>Registers a model with the input it expects.</summary>
    /// <exception cref="ArgumentException">The name is taken by a model or an alias.</exception>
    public void Add(string name, string description, ModelCard card, Func<ModelOptions, ImageClassifierModule> factory)
    {
        EnsureFree(name, nameof(name));
        _entries.Add(name, new ModelEntry(name, description, card, factory));
    }

    /// <summary>Lets <paramref name="alias"/> stand for the registered model <paramref name="target"/>.</summary>
    /// <exception cref="ArgumentException">The alias is taken, or <paramref name="target"/> is not a registered name (aliases of aliases are refused).</exception>
    public void AddAlias(string alias, string target)
    {
        if (!_entries.TryGetValue(target, out var entry))
            throw new ArgumentException(_aliases.TryGetValue(target, out var real)
                ? $"Cannot make '{alias}' an alias of '{target}', which is itself an alias; point it at '{real}'."
                : $"Cannot make '{alias}' an alias of '{target}': no model of that name is registered. Register the model first.", nameof(target));
        EnsureFree(alias, nameof(alias));
        _aliases.Add(alias, entry.Name);
    }

    /// <summary>True when <paramref name="name"/> is a registered name or an alias.</summary>
    public bool Contains(string name) => _entries.ContainsKey(name) || _aliases.ContainsKey(name);

    /// <summary>The registered name <paramref name="name"/> stands for: itself (as registered), or an alias's target.</summary>
    /// <exception cref="ArgumentException">Unknown name; the message suggests the nearest ones.</exception>
    public string Resolve(string name) => Entry(name).Name;

    /// <summary>The aliases of the registered model <paramref name="name"/>, sorted (none for most models).</summary>
    public IReadOnlyList<string> AliasesOf(string name) =>
        _aliases.Where(alias => string.Equals(alias.Value, name, StringComparison.OrdinalIgnoreCase)).Select(alias => alias.Key).Order(StringComparer.Ordinal).ToList();

    /// <summary>What the model <paramref name="name"/> (or an alias) expects of its input.</summary>
    /// <exception cref="ArgumentException">Unknown name; the message suggests the nearest ones.</exception>
    public ModelCard CardOf(string name) => Entry(name).Card;

    /// <summary>Builds the model registered as <paramref name="name"/> (or an alias).</summary>
    /// <exception cref="ArgumentException">Unknown name; the message suggests the nearest ones.</exception>
    public ImageClassifierModule Create(string name, ModelOptions options)
    {
        var factory = Entry(name).Factory;
        var model = factory(options);
        model.TwinFactory = () => factory(options);
        return model;
    }

    /// <summary>
    /// Checks a pipeline's model section against the registry before any data are loaded: the name is registered (or an
    /// alias) and the family accepts the settings for this input (by building the model once, on the CPU, and discarding it).
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

    /// <summary>The error text for an unknown name: the nearest names or aliases, and how to list them all.</summary>
    public string UnknownNameMessage(string name)
    {
        var nearest = Names.Concat(_aliases.Keys.Order(StringComparer.Ordinal))
            .OrderBy(candidate => EditDistance(name.ToLowerInvariant(), candidate.ToLowerInvariant()))
            .Take(Suggestions)
            .Select(candidate => _aliases.TryGetValue(candidate, out var target) ? $"'{candidate}' (alias of '{target}')" : $"'{candidate}'");
        var known = Names.Select(n => AliasesOf(n) is { Count: > 0 } aliases ? $"{n} (alias {string.Join(", ", aliases)})" : n);
        return $"Unknown model '{name}'. Did you mean {string.Join(" or ", nearest)}? Run 'ctk models' to list them (known: {string.Join(", ", known)}).";
    }

    private ModelEntry Entry(string name)
    {
        var registered = _aliases.TryGetValue(name, out var target) ? target : name;
        return _entries.TryGetValue(registered, out var entry) ? entry : throw new ArgumentException(UnknownNameMessage(name), nameof(name));
    }

    private void EnsureFree(string name, string parameterName)
    {
        if (_entries.ContainsKey(name)) throw new ArgumentException($"A model named '{name}' is already registered.", parameterName);
        if (_aliases.TryGetValue(name, out var target)) throw new ArgumentException($"'{name}' is already an alias of '{target}'.", parameterName);
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
