using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;

namespace ServeLoad;

/// <summary>
/// Closed-loop load: a fixed number of clients, each sending its next request as soon as its last one is answered, so
/// the figures are the server's throughput at that concurrency and the latency each request saw (not an open arrival rate).
/// </summary>
/// <param name="http">The client, its base address the server.</param>
/// <param name="images">PNG files' bytes, sent in turn.</param>
/// <param name="imagesPerRequest">1: each request POSTs one image to <c>/predict</c>; more: that many images, as a
/// multipart form, to <c>/predict/batch</c>.</param>
internal sealed class LoadClient(HttpClient http, IReadOnlyList<byte[]> images, int imagesPerRequest = 1)
{
    private const int ErrorSamples = 5;
    private static readonly MediaTypeHeaderValue PngType = new("image/png");

    /// <summary>An HTTP client with one pooled connection per load client.</summary>
    public static HttpClient CreateHttpClient(Uri server, int clients) => new(new SocketsHttpHandler
    {
        // HTTP/1.1 carries one request per connection at a time; fewer connections than clients would queue requests
        // inside this process and count that wait as server latency.
        MaxConnectionsPerServer = clients,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        UseProxy = false,
    })
    {
        BaseAddress = server,
        Timeout = TimeSpan.FromSeconds(60),
    };

    /// <summary>Sends <paramref name="requests"/> POST /predict (or /predict/batch) requests from <paramref name="clients"/> concurrent clients, cycling through the images.</summary>
    /// <param name="clients">Concurrent clients.</param>
    /// <param name="requests">Requests in all.</param>
    /// <param name="completed">Called after each request with the number finished so far (each number once).</param>
    /// <param name="cancellationToken">Stops the run.</param>
    public async Task<LoadResult> RunAsync(int clients, int requests, Action<int>? completed, CancellationToken cancellationToken)
    {
        var records = new RequestRecord[requests];
        var errors = new ConcurrentQueue<string>();
        int next = -1;
        int finished = 0;

        async Task ClientAsync()
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < requests)
            {
                long begin = Stopwatch.GetTimestamp();
                var error = await SendAsync(index, cancellationToken);
                records[index] = new RequestRecord(begin, Stopwatch.GetTimestamp(), error is null);
                if (error is not null && errors.Count < ErrorSamples) errors.Enqueue($"request {index + 1}: {error}");
                completed?.Invoke(Interlocked.Increment(ref finished));
            }
        }

        long start = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(ClientAsync, cancellationToken)));
        return new LoadResult(records, start, Stopwatch.GetTimestamp(), [.. errors.Take(ErrorSamples)]);
    }

    // The error message, or null for a 2xx answer whose body was read in full.
    private async Task<string?> SendAsync(int request, CancellationToken cancellationToken)
    {
        try
        {
            using HttpContent content = imagesPerRequest == 1 ? Png(images[request % images.Count]) : Batch(request);
            using var response = await http.PostAsync(imagesPerRequest == 1 ? "predict" : "predict/batch", content, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            return response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode}: {Shorten(body)}";
        }
        catch (Exception e) when (e is not OutOfMemoryException && !cancellationToken.IsCancellationRequested)
        {
            // Refused connections, resets and timeouts are what a client of the server would see: errors, not crashes.
            return $"{e.GetType().Name}: {e.Message}";
        }
    }

    private static ByteArrayContent Png(byte[] image)
    {
        var content = new ByteArrayContent(image);
        content.Headers.ContentType = PngType;
        return content;
    }

    // Request r carries images r·n … r·n + n − 1 (cycling), each a file part of its own.
    private MultipartFormDataContent Batch(int request)
    {
        var form = new MultipartFormDataContent();
        for (int i = 0; i < imagesPerRequest; i++)
        {
            long index = (long)request * imagesPerRequest + i;
            form.Add(Png(images[(int)(index % images.Count)]), $"image{i}", $"image{index}.png");
        }
        return form;
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
