namespace ClassifierToolkit.Data;

/// <summary>
/// Finds the Fashion-MNIST files: an explicit folder, then <c>$CTK_DATA_DIR/fashion-mnist</c> (or the configured data
/// directory), then the system-wide copy (Debian's <c>dataset-fashion-mnist</c> package), then downloads them into the
/// data directory. When all of that fails, it falls back to the small sample bundled with the app, reports a
/// <see cref="FashionMnistSampleNotice"/> and marks the answer (<see cref="FashionMnistLocation.IsSample"/>), so a first
/// run on a machine without the data or a network still works and says so.
/// </summary>
public sealed class FashionMnistLocator
{
    /// <summary>The environment variable naming the data directory.</summary>
    public const string DataDirectoryVariable = "CTK_DATA_DIR";
    /// <summary>The environment variable that replaces <see cref="DebianFolder"/> as the system-wide copy.</summary>
    public const string SystemFolderVariable = "CTK_FASHION_MNIST_SYSTEM_DIR";
    /// <summary>The environment variable that replaces the official download mirror (a URL ending in the folder of the four files).</summary>
    public const string MirrorVariable = "CTK_FASHION_MNIST_MIRROR";
    /// <summary>Where Debian's <c>dataset-fashion-mnist</c> installs the files.</summary>
    public const string DebianFolder = "/usr/share/datasets/fashion-mnist";

    /// <summary>Defaults of <see cref="Options"/>; the folders and the mirror follow the environment variables.</summary>
    public static class Defaults
    {
        /// <summary>Download when no copy is found.</summary>
        public const bool AllowDownload = true;
        /// <summary>How long connecting to the mirror may take (name resolution included) before the download counts as failed.</summary>
        public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(15);
        /// <summary><c>$CTK_DATA_DIR</c>, else <c>~/.ctk/data</c>.</summary>
        public static string DataDirectory => Variable(DataDirectoryVariable)
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".ctk", "data");
        /// <summary><c>$CTK_FASHION_MNIST_SYSTEM_DIR</c>, else <see cref="DebianFolder"/>.</summary>
        public static string SystemFolder => Variable(SystemFolderVariable) ?? DebianFolder;
        /// <summary><c>$CTK_FASHION_MNIST_MIRROR</c>, else the official mirror.</summary>
        public static string MirrorUrl => Variable(MirrorVariable) ?? FashionMnistFiles.OfficialBaseUrl;
        /// <summary>Where an app that bundles the sample (<c>ctk</c>) keeps it: <c>data/fashion-mnist-sample</c> beside the app.</summary>
        public static string BundledSampleFolder => Path.Combine(AppContext.BaseDirectory, "data", "fashion-mnist-sample");
        /// <summary><see cref="BundledSampleFolder"/> when it holds the four files, else null (no fallback).</summary>
        public static string? SampleFolder => FashionMnistFiles.AllPresent(BundledSampleFolder) ? BundledSampleFolder : null;

        private static string? Variable(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;
    }

    /// <summary>Where to look, whether to download, and what to fall back to.</summary>
    public sealed record Options
    {
        /// <summary>Looked at first; an error if given but incomplete (no download, no fallback).</summary>
        public string? ExplicitFolder { get; init; }
        /// <summary>The data directory: its <c>fashion-mnist</c> folder is searched and receives downloads.</summary>
        public string DataDirectory { get; init; } = Defaults.DataDirectory;
        /// <summary>The system-wide copy, searched after the data directory.</summary>
        public string SystemFolder { get; init; } = Defaults.SystemFolder;
        /// <summary>Whether to download when no copy is found.</summary>
        public bool AllowDownload { get; init; } = Defaults.AllowDownload;
        /// <summary>The URL of the folder holding the four <c>.gz</c> files.</summary>
        public string MirrorUrl { get; init; } = Defaults.MirrorUrl;
        /// <summary>How long connecting to the mirror may take before the download counts as failed.</summary>
        public TimeSpan ConnectTimeout { get; init; } = Defaults.ConnectTimeout;
        /// <summary>The small copy used when the full set cannot be found or downloaded; null to fail instead.</summary>
        public string? SampleFolder { get; init; } = Defaults.SampleFolder;
    }

    private readonly Options _options;
    private readonly string _mirrorUrl;
    private readonly FashionMnistDownloader _downloader;
    private readonly IProgress<DownloadProgress>? _downloadProgress;
    private readonly IProgress<FashionMnistSampleNotice>? _sampleNotices;
    private readonly HttpClient? _httpClient;
    private readonly Lock _gate = new();
    private FashionMnistLocation? _answer;

    /// <summary>Creates a locator with <see cref="Options"/>' defaults for everything not given.</summary>
    /// <param name="explicitFolder">Looked at first; an error if given but incomplete.</param>
    /// <param name="dataDirectory">Data directory; defaults to <c>$CTK_DATA_DIR</c>, else <c>~/.ctk/data</c>.</param>
    /// <param name="allowDownload">Whether to download when no copy is found.</param>
    /// <param name="progress">Receives download progress.</param>
    /// <param name="httpClient">Client for the download (tests pass their own).</param>
    /// <param name="baseUrl">Where the files are published; defaults to <c>$CTK_FASHION_MNIST_MIRROR</c>, else the official mirror.</param>
    /// <param name="systemFolder">The system-wide copy; defaults to <c>$CTK_FASHION_MNIST_SYSTEM_DIR</c>, else <see cref="DebianFolder"/>.</param>
    internal FashionMnistLocator(string? explicitFolder = null, string? dataDirectory = null, bool allowDownload = Defaults.AllowDownload,
        IProgress<DownloadProgress>? progress = null, HttpClient? httpClient = null, string? baseUrl = null, string? systemFolder = null)
        : this(new Options
        {
            ExplicitFolder = explicitFolder,
            DataDirectory = dataDirectory ?? Defaults.DataDirectory,
            AllowDownload = allowDownload,
            MirrorUrl = baseUrl ?? Defaults.MirrorUrl,
            SystemFolder = systemFolder ?? Defaults.SystemFolder,
        }, progress, httpClient: httpClient)
    {
    }

    /// <summary>Creates a locator.</summary>
    /// <param name="options">Where to look, whether to download, and what to fall back to.</param>
    /// <param name="downloadProgress">Receives download progress.</param>
    /// <param name="sampleNotices">Told, once, when the bundled sample stands in for the full set (e.g. to warn the user).</param>
    /// <param name="httpClient">Client for the download (tests pass their own); by default one with <see cref="Options.ConnectTimeout"/>.</param>
    /// <exception cref="ArgumentException">An option is invalid; the message names it.</exception>
    public FashionMnistLocator(Options options, IProgress<DownloadProgress>? downloadProgress = null,
        IProgress<FashionMnistSampleNotice>? sampleNotices = null, HttpClient? httpClient = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        Check(options);
        _options = options;
        _mirrorUrl = options.MirrorUrl.EndsWith('/') ? options.MirrorUrl : options.MirrorUrl + "/";
        _downloadProgress = downloadProgress;
        _sampleNotices = sampleNotices;
        _httpClient = httpClient;
        _downloader = new FashionMnistDownloader(_mirrorUrl, options.ConnectTimeout, httpClient, downloadProgress);
    }

    /// <summary>The explicit folder, or null when the search starts at the data directory.</summary>
    public string? ExplicitFolder => _options.ExplicitFolder;

    /// <summary>Where a download goes: the data directory's <c>fashion-mnist</c> folder.</summary>
    public string DownloadFolder => Path.Combine(_options.DataDirectory, FashionMnist.SourceName);

    /// <summary>Folders searched, in order, before any download.</summary>
    public IEnumerable<string> SearchOrder()
    {
        if (_options.ExplicitFolder is not null) yield return _options.ExplicitFolder;
        yield return DownloadFolder;
        yield return _options.SystemFolder;
    }

    /// <summary>A locator with the same settings and listeners that looks in <paramref name="folder"/> first.</summary>
    public FashionMnistLocator WithExplicitFolder(string folder) =>
        new(_options with { ExplicitFolder = folder }, _downloadProgress, _sampleNotices, _httpClient);

    /// <summary>Returns a folder holding the four files; see <see cref="Find"/>.</summary>
    /// <exception cref="FileNotFoundException">An incomplete explicit folder, or no copy, no download and no sample.</exception>
    public string Locate() => Find().Folder;

    /// <summary>
    /// Finds the four files: the first complete folder of <see cref="SearchOrder"/>, else a download (if allowed), else the
    /// bundled sample, which is then reported to the <c>sampleNotices</c> listener. The first answer is kept, so a search that
    /// asks once per trial neither waits for the network again nor repeats the warning.
    /// </summary>
    /// <exception cref="FileNotFoundException">An incomplete explicit folder, or no copy, no download and no sample.</exception>
    public FashionMnistLocation Find()
    {
        lock (_gate) return _answer ??= Search();
    }

    private FashionMnistLocation Search()
    {
        if (_options.ExplicitFolder is not null && !FashionMnistFiles.AllPresent(_options.ExplicitFolder))
            throw new FileNotFoundException($"'{_options.ExplicitFolder}' does not hold the four Fashion-MNIST files (train/t10k images and labels, IDX, optionally .gz).");
        var found = SearchOrder().FirstOrDefault(FashionMnistFiles.AllPresent);
        if (found is not null) return new FashionMnistLocation(found);
        var failure = Download();
        if (failure is null) return new FashionMnistLocation(DownloadFolder);
        var reason = $"Fashion-MNIST was not found ({string.Join(", ", SearchOrder())}) and {failure.Reason}";
        if (_options.SampleFolder is null)
            throw new FileNotFoundException($"{reason}. To get it: {string.Join("; or ", WaysToGetFullSet())}; or pass the folder explicitly.", failure.Error);
        var notice = new FashionMnistSampleNotice(_options.SampleFolder, FashionMnist.CountImages(_options.SampleFolder, DataSplitKind.Train),
            FashionMnist.CountImages(_options.SampleFolder, DataSplitKind.Test), reason + ".", WaysToGetFullSet());
        _sampleNotices?.Report(notice);
        return new FashionMnistLocation(_options.SampleFolder, notice);
    }

    private sealed record DownloadFailure(string Reason, Exception? Error);

    // Null when the four files are now in the download folder.
    private DownloadFailure? Download()
    {
        if (!_options.AllowDownload) return new DownloadFailure("downloading is disabled", null);
        try
        {
            _downloader.DownloadAllAsync(DownloadFolder, CancellationToken.None).GetAwaiter().GetResult();
            return null;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException or UnauthorizedAccessException)
        {
            return new DownloadFailure($"the download from {_mirrorUrl} failed ({e.Message})", e);
        }
    }

    /// <summary>What a user can do to get the full set, one way per entry, naming this locator's folders and mirror.</summary>
    public IReadOnlyList<string> WaysToGetFullSet() =>
    [
        "install it with 'sudo apt-get install dataset-fashion-mnist' (Debian/Ubuntu; files in " + DebianFolder + ")",
        $"put the four *-ubyte.gz files (train/t10k images and labels) in '{DownloadFolder}' (set {DataDirectoryVariable} to choose the data directory)",
        $"run once with a network connection: they are downloaded from {_mirrorUrl} into '{DownloadFolder}' and checked",
    ];

    private static void Check(Options options)
    {
        if (string.IsNullOrWhiteSpace(options.DataDirectory))
            throw new ArgumentException($"{nameof(Options.DataDirectory)} is empty; give a folder (or set {DataDirectoryVariable}).", nameof(options));
        if (!Uri.TryCreate(options.MirrorUrl, UriKind.Absolute, out var mirror) || (mirror.Scheme != Uri.UriSchemeHttp && mirror.Scheme != Uri.UriSchemeHttps))
            throw new ArgumentException($"{nameof(Options.MirrorUrl)} '{options.MirrorUrl}' is not an absolute http(s) URL; fix it (or {MirrorVariable}).", nameof(options));
        if (options.ConnectTimeout <= TimeSpan.Zero)
            throw new ArgumentException($"{nameof(Options.ConnectTimeout)} is {options.ConnectTimeout}; it must be positive.", nameof(options));
        if (options.SampleFolder is not null && !FashionMnistFiles.AllPresent(options.SampleFolder))
            throw new ArgumentException($"{nameof(Options.SampleFolder)} '{options.SampleFolder}' does not hold the four Fashion-MNIST files; give a complete folder or null for no fallback.", nameof(options));
    }
}
