using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;

namespace ServeLoad;

/// <summary>
/// Replaces the served model file once the load has reached a given number of requests, the way a deployment does
/// (write a temporary file beside it, then rename it over the old one), and polls GET /model until the server reports
/// the new file's SHA-256.
/// </summary>
internal sealed class ModelSwap
{
    /// <summary>How long to wait for the server to report the new model before calling the swap failed.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);

    private readonly HttpClient _http;
    private readonly SwapPlan _plan;
    private readonly string _oldSha256;
    private readonly string _newSha256;
    private Task<SwapOutcome>? _swap;

    private ModelSwap(HttpClient http, SwapPlan plan, string oldSha256, string newSha256)
    {
        _http = http;
        _plan = plan;
        _oldSha256 = oldSha256;
        _newSha256 = newSha256;
    }

    /// <summary>Reads the hash served now and the replacement's hash; warns when they are equal (the swap could not be seen).</summary>
    public static async Task<ModelSwap> PrepareAsync(HttpClient http, SwapPlan plan, CancellationToken cancellationToken)
    {
        string newSha256;
        await using (var stream = File.OpenRead(plan.From))
            newSha256 = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
        var oldSha256 = await ServedSha256Async(http, cancellationToken);
        if (oldSha256 == newSha256)
            Console.Error.WriteLine($"warning: '{plan.From}' has the content the server already serves (sha256 {newSha256[..12]}); GET /model cannot show the swap. Use a different model file.");
        return new ModelSwap(http, plan, oldSha256, newSha256);
    }

    /// <summary>Give this to the load run: the swap starts when the planned number of requests have finished.</summary>
    public void OnRequestFinished(int finished)
    {
        // Each count is reported exactly once, so exactly one request starts the swap.
        if (finished == _plan.After) _swap = Task.Run(SwapAsync);
    }

    /// <summary>The swap's outcome, once the server serves the new model or <see cref="MaxWait"/> has passed.</summary>
    /// <exception cref="InvalidOperationException">The load ended before the planned number of requests.</exception>
    public Task<SwapOutcome> OutcomeAsync() =>
        _swap ?? throw new InvalidOperationException($"The swap was planned after {_plan.After} requests, but the load ended before that.");

    private async Task<SwapOutcome> SwapAsync()
    {
        long replacedAt = Stopwatch.GetTimestamp();
        Replace(_plan.From, _plan.To);
        while (Stopwatch.GetElapsedTime(replacedAt) < MaxWait)
        {
            string? served = null;
            try
            {
                served = await ServedSha256Async(_http, CancellationToken.None);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
            {
                // The load's own requests count the server's failures; a failed poll only delays noticing the new model.
                Console.Error.WriteLine($"warning: GET /model failed during the swap: {e.Message}");
            }
            if (served == _newSha256) return new SwapOutcome(_plan.After, replacedAt, Stopwatch.GetTimestamp(), _oldSha256, _newSha256);
            await Task.Delay(PollInterval);
        }
        return new SwapOutcome(_plan.After, replacedAt, null, _oldSha256, _newSha256);
    }

    // A rename within one folder is atomic: the server's watcher sees the old file or the whole new one, never a half-copied
    // file. The temporary name differs from the watched one, so writing it raises no reload.
    private static void Replace(string from, string to)
    {
        var target = Path.GetFullPath(to);
        var temporary = Path.Combine(Path.GetDirectoryName(target)!, $".{Path.GetFileName(target)}.{Environment.ProcessId}.tmp");
        File.Copy(from, temporary, overwrite: true);
        File.Move(temporary, target, overwrite: true);
    }

    private static async Task<string> ServedSha256Async(HttpClient http, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync("model", cancellationToken);
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStreamAsync(cancellationToken));
        return json.RootElement.GetProperty("sha256").GetString()
            ?? throw new JsonException("GET /model answered without a sha256.");
    }
}
