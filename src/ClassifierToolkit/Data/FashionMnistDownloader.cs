using System.IO.Compression;
using System.Security.Cryptography;

namespace ClassifierToolkit.Data;

/// <summary>Downloads the four Fashion-MNIST files from a mirror into a folder, checking each file's content hash.</summary>
internal sealed class FashionMnistDownloader(string mirrorUrl, TimeSpan connectTimeout, HttpClient? httpClient, IProgress<DownloadProgress>? progress)
{
    // The whole transfer may take minutes on a slow line, but a machine without a network must learn that within the
    // connect timeout (name resolution included), so the caller can fall back at once.
    private static readonly TimeSpan TransferTimeout = TimeSpan.FromMinutes(10);

    public async Task DownloadAllAsync(string target, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(target);
        var client = httpClient ?? new HttpClient(new SocketsHttpHandler { ConnectTimeout = connectTimeout }) { Timeout = TransferTimeout };
        try
        {
            foreach (var (stem, sha256) in FashionMnistFiles.ContentSha256)
            {
                var destination = Path.Combine(target, stem + ".gz");
                if (File.Exists(destination)) continue;
                var partial = destination + ".partial";
                await DownloadAsync(client, mirrorUrl + stem + ".gz", partial, stem, cancellationToken).ConfigureAwait(false);
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
            if (httpClient is null) client.Dispose();
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
            progress?.Report(new DownloadProgress(name, received, total));
        }
    }

    private static string ContentSha256(string gzipPath)
    {
        using var file = File.OpenRead(gzipPath);
        using var content = new GZipStream(file, CompressionMode.Decompress);
        return Convert.ToHexStringLower(SHA256.HashData(content));
    }
}
