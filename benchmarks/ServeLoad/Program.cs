// ServeLoad: concurrent POST /predict load against a running `ctk serve`, optionally replacing the served model file
// midway. Prints requests/s, latency percentiles, errors, and a final RESULT line. See benchmarks/README.md.
using System.CommandLine;
using System.Globalization;
using Benchmarks.Shared;
using ServeLoad;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

var url = new Option<string>("--url") { Description = "The server, e.g. http://127.0.0.1:5080", Required = true };
var clients = new Option<int>("--clients") { Description = "Concurrent clients (one connection each)", DefaultValueFactory = _ => 16 };
var requests = new Option<int>("--requests") { Description = "Measured requests in all", DefaultValueFactory = _ => 20_000 };
var images = new Option<string>("--images") { Description = "Folder of PNG files (any depth), sent in turn", Required = true };
var warmup = new Option<int>("--warmup") { Description = "Unmeasured requests first", DefaultValueFactory = _ => 500 };
var batch = new Option<int>("--batch") { Description = "Images per request: 1 POSTs to /predict, more POSTs that many to /predict/batch", DefaultValueFactory = _ => 1 };
var swapAfter = new Option<int?>("--swap-after") { Description = "Replace the served model file after this many measured requests" };
var swapFrom = new Option<string?>("--swap-from") { Description = "The model .zip to put in place" };
var swapTo = new Option<string?>("--swap-to") { Description = "The model file the server watches" };
var root = new RootCommand("Load a ctk serve server with concurrent POST /predict requests.")
    { url, clients, requests, images, warmup, batch, swapAfter, swapFrom, swapTo };
root.SetAction(async (parse, cancellationToken) =>
{
    if (CommandLineRun.ReportUsageErrors(UsageErrors(parse))) return CommandLineRun.UsageError;
    var server = new Uri(parse.GetValue(url)!.TrimEnd('/') + "/");
    var folder = parse.GetValue(images)!;
    var plan = parse.GetValue(swapAfter) is { } after ? new SwapPlan(after, parse.GetValue(swapFrom)!, parse.GetValue(swapTo)!) : null;
    int clientCount = parse.GetValue(clients);

    // Read once: the client then spends no time on disk, and every run sends the same bytes.
    var bodies = PngFolder.List(folder).Select(File.ReadAllBytes).ToArray();
    int perRequest = parse.GetValue(batch);
    Console.WriteLine($"ServeLoad: {server} with {clientCount} clients, {parse.GetValue(requests):N0} requests of {perRequest} image(s) (+{parse.GetValue(warmup):N0} warm-up), " +
        $"{bodies.Length:N0} PNG images ({bodies.Sum(b => (long)b.Length) / 1024:N0} KB) from {Path.GetFullPath(folder)}");
    using var http = LoadClient.CreateHttpClient(server, clientCount);
    var load = new LoadClient(http, bodies, perRequest);

    if (parse.GetValue(warmup) > 0)
    {
        var warm = await load.RunAsync(clientCount, parse.GetValue(warmup), null, cancellationToken);
        Console.WriteLine($"warm-up       {warm.Requests.Length:N0} requests, {warm.Errors} errors, {warm.RequestsPerSecond:F1} requests/s");
        foreach (var error in warm.FirstErrors) Console.WriteLine($"  {error}");
    }
    var swap = plan is null ? null : await ModelSwap.PrepareAsync(http, plan, cancellationToken);
    var result = await load.RunAsync(clientCount, parse.GetValue(requests), swap is null ? null : swap.OnRequestFinished, cancellationToken);
    var outcome = swap is null ? null : await swap.OutcomeAsync();
    LoadReport.Print(result, outcome, perRequest);
    return result.Errors == 0 && outcome?.Served != false ? 0 : 1;
});
return await CommandLineRun.InvokeAsync(root, args);

IEnumerable<string> UsageErrors(ParseResult parse)
{
    if (parse.GetValue(clients) < 1) yield return $"--clients must be at least 1; got {parse.GetValue(clients)}.";
    if (parse.GetValue(requests) < 1) yield return $"--requests must be at least 1; got {parse.GetValue(requests)}.";
    if (parse.GetValue(batch) < 1) yield return $"--batch must be at least 1; got {parse.GetValue(batch)}.";
    if (parse.GetValue(warmup) < 0) yield return $"--warmup must be 0 or more; got {parse.GetValue(warmup)}.";
    int given = new object?[] { parse.GetValue(swapAfter), parse.GetValue(swapFrom), parse.GetValue(swapTo) }.Count(v => v is not null);
    if (given is not (0 or 3)) yield return "--swap-after, --swap-from and --swap-to go together: give all three or none.";
    if (parse.GetValue(swapAfter) is { } after && (after < 1 || after >= parse.GetValue(requests)))
        yield return $"--swap-after must lie between 1 and --requests - 1 ({parse.GetValue(requests) - 1}), so the swap happens under load; got {after}.";
    if (parse.GetValue(swapFrom) is { } from && !File.Exists(from)) yield return $"--swap-from '{from}' does not exist.";
}
