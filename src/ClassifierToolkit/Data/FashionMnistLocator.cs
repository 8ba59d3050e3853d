using System.IO.Compression;
using System.Security.Cryptography;

namespace ClassifierToolkit.Data;

/// <summary>
/// Finds the Fashion-MNIST files: an explicit folder, then <c>$CTK_DATA_DIR/fashion-mnist</c> (or the configured
/// data directory), then Debian's <c>dataset-fashion-mnist</c> package, then downloads them into the data directory.
/// </summary>
public sealed class FashionMnistLocator
{
    /// <summary>The environment variable naming the data directory.</summary>
    public const string DataDirectoryVariable = "CTK_DATA_DIR";
    /// <summary>Where Debian's <c>dataset-fashion-mnist</c> installs the files.</summary>
    public const string DebianFolder = "/usr/share/datasets/fashion-mnist";

    private readonly string? _explicitFolder;
    private readonly string _dataDirectory;
    private readonly bool _allowDownload;
    private readonly IProgress<DownloadProgress>? _progress;
    private readonly HttpClient? _httpClient;
    private readonly string _baseUrl;
    private readonly string _systemFolder;

    /// <summary>Creates a locator.</summary>
    /// <param name="explicitFolder">Looked at first; an error if given but incomplete.</param>
    /// <param name="dataDirectory">Data directory; defaults to <c>$CTK_DATA_DIR</c>, else <c>~/.ctk/data</c>.</param>
    /// <param name="allowDownload">Whether to download when no copy is found.</param>
    /// <param name="progress">Receives download progress.</param>
    /// <param name="httpClient">Client for the download (tests pass their own).</param>
    /// <param name="baseUrl">Where the files are published.</param>
    /// <param name="systemFolder">The system-wide copy; defaults to <see cref="DebianFolder"/>.</param>
    public FashionMnistLocator(string? explicitFolder = null, string? dataDirectory = null, bool allowDownload = true,
        IProgress<DownloadProgress>? progress = null, HttpClient? httpClient = null, string? baseUrl = null, string? systemFolder = null)
    {
        _systemFolder = systemFolder ?? DebianFolder;
        _explicitFolder = explicitFolder;
        _dataDirectory = dataDirectory ?? Environment.GetEnvironmentVariable(DataDirectoryVariable)
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".ctk", "data");
        _allowDownload = allowDownload;
        _progress = progress;
        _httpClient = httpClient;
        _baseUrl = baseUrl ?? FashionMnistFiles.OfficialBaseUrl;
    }

    /// <summary>Folders searched, in order, before any download.</summary>
    public IEnumerable<string> SearchOrder()
    {
        if (_explicitFolder is not null) yield return _explicitFolder;
        yield return Path.Combine(_dataDirectory, FashionMnist.SourceName);
        yield return _systemFolder;
    }

    /// <summary>Returns a folder holding the four files, downloading them if allowed and needed.</summary>
    /// <exception cref="FileNotFoundException">No copy found and download disallowed or failed.</exception>
    public string Locate()
    {
        if (_explicitFolder is not null && !FashionMnistFiles.AllPresent(_explicitFolder))
            throw new FileNotFoundException($"'{_explicitFolder}' does not hold the four Fashion-MNIST files (train/t10k images and labels, IDX, optionally .gz).");
        var found = SearchOrder().FirstOrDefault(FashionMnistFiles.AllPresent);
        if (found is not null) return found;
        var target = Path.Combine(_dataDirectory, FashionMnist.SourceName);
        if (!_allowDownload) throw NotFound(target, reason: "downloading is disabled");
        try
        {
            DownloadAllAsync(target, CancellationToken.None).GetAwaiter().GetResult();
            return target;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            throw NotFound(target, reason: $"the download failed ({e.Message})", e);
        }
    }

    private async Task DownloadAllAsync(string target, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(target);
        var client = _httpClient ?? new HttpClient { Timeout = TimeSpan.FromMinutes(10) };
        try
        {
            foreach (var (stem, sha256) in FashionMnistFiles.ContentSha256)
            {
                var destination = Path.Combine(target, stem + ".gz");
                if (File.Exists(destination)) continue;
                var partial = destination + ".partial";
                await DownloadAsync(client, _baseUrl + stem + ".gz", partial, stem, cancellationToken).ConfigureAwait(false);
                var actual = ContentSha256(partial);
                if (actual != sha256)
                {
                    File.Delete(partial);
                    throw new IOException($"checksum mismatch for {stem}: expected SHA-256 {sha256} of the content, got {actual}");
                }
                File.Move(partial, destination, overwrite: true);
            }
        }
        finally
        {
            if (_httpClient is null) client.Dispose();
        }
    }

    private async Task DownloadAsync(HttpClient client, string url, string destination, string name, CancellationToken cancellationToken)
    {
        using var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        long? total = response.Content.Headers.ContentLength;
        await using var source = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using var file = File.Create(destination);
        var buffer = new byte[81920];
        long received = 0;
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            received += read;
            _progress?.Report(new DownloadProgress(name, received, total));
        }
    }

    private static string ContentSha256(string gzipPath)
    {
        using var file = File.OpenRead(gzipPath);
        using var content = new GZipStream(file, CompressionMode.Decompress);
        return Convert.ToHexStringLower(SHA256.HashData(content));
    }

    private FileNotFoundException NotFound(string target, string reason, Exception? inner = null) => new(
        $"Fashion-MNIST was not found ({string.Join(", ", SearchOrder())}) and {reason}. " +
        $"Install it with 'sudo apt-get install dataset-fashion-mnist' (Debian/Ubuntu), or put the four *-ubyte.gz files in '{target}' " +
        $"(set {DataDirectoryVariable} to choose the data directory), or pass the folder explicitly.", inner);
}
