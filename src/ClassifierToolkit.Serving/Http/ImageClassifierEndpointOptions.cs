namespace ClassifierToolkit.Serving.Http;

/// <summary>How <c>app.MapImageClassifier(name, options)</c> maps a model's HTTP API; every setting is checked when set.</summary>
public sealed class ImageClassifierEndpointOptions
{
    private readonly string _routePrefix = "";
    private readonly int _defaultTop = 3;
    private readonly long? _maxRequestBytes;

    /// <summary>Where the routes go: <c>"/fashion"</c> maps <c>POST /fashion/predict</c> and so on. Empty (the default)
    /// maps them at the root.</summary>
    /// <exception cref="ArgumentException">Not empty and not starting with <c>/</c>.</exception>
    public string RoutePrefix
    {
        get => _routePrefix;
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            if (value.Length > 0 && value[0] != '/')
                throw new ArgumentException($"RoutePrefix '{value}' must start with '/' (e.g. '/{value}'), or be empty for the root.", nameof(RoutePrefix));
            _routePrefix = value.TrimEnd('/');
        }
    }

    /// <summary>How many classes a prediction lists when the request has no <c>?top=k</c> (at most the model's class
    /// count); 3 by default.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Less than 1.</exception>
    public int DefaultTop
    {
        get => _defaultTop;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            _defaultTop = value;
        }
    }

    /// <summary>The largest request body these routes accept, in bytes (a larger one gets 413); null (the default) keeps
    /// the server's own limit (Kestrel's is about 28.6 MB).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Zero or less.</exception>
    public long? MaxRequestBytes
    {
        get => _maxRequestBytes;
        init
        {
            if (value is { } bytes) ArgumentOutOfRangeException.ThrowIfLessThan(bytes, 1, nameof(MaxRequestBytes));
            _maxRequestBytes = value;
        }
    }
}
