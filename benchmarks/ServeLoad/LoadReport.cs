namespace ServeLoad;

/// <summary>Prints a load run's figures for people and the final <c>RESULT</c> line for scripts.</summary>
internal static class LoadReport
{
    public static void Print(LoadResult result, SwapOutcome? swap, int imagesPerRequest)
    {
        var latency = result.Latencies();
        Console.WriteLine($"requests      {result.Requests.Length:N0} in {result.Elapsed.TotalSeconds:F2} s");
        Console.WriteLine($"requests/s    {result.RequestsPerSecond:F1}" + (imagesPerRequest > 1 ? $" ({result.RequestsPerSecond * imagesPerRequest:F0} images/s)" : ""));
        Console.WriteLine($"latency ms    p50 {latency.P50:F2}   p95 {latency.P95:F2}   p99 {latency.P99:F2}   max {latency.Max:F2}");
        Console.WriteLine($"errors        {latency.Errors:N0}");
        foreach (var error in result.FirstErrors) Console.WriteLine($"  {error}");
        if (swap is not null) PrintSwap(result, swap);

        var fields = $"requests={result.Requests.Length} requests_per_sec={result.RequestsPerSecond:F1} images_per_sec={result.RequestsPerSecond * imagesPerRequest:F0} p50_ms={latency.P50:F2} p95_ms={latency.P95:F2} " +
            $"p99_ms={latency.P99:F2} max_ms={latency.Max:F2} errors={latency.Errors} swapped={(swap?.Served == true ? "true" : "false")}";
        if (swap?.ServedAfter is { } servedAfter)
            fields += $" swap_served_ms={servedAfter.TotalMilliseconds:F0} swap_under_load={(swap.ServedAt <= result.End ? "true" : "false")}";
        Console.WriteLine($"RESULT {fields}");
    }

    private static void PrintSwap(LoadResult result, SwapOutcome swap)
    {
        Console.Write($"swap          model file replaced after {swap.After:N0} requests (sha256 {swap.OldSha256[..12]} -> {swap.NewSha256[..12]}); ");
        if (swap.ServedAfter is not { } servedAfter)
        {
            Console.WriteLine($"the new sha256 was NOT served within {ModelSwap.MaxWait.TotalSeconds:F0} s (see the server's log)");
            return;
        }
        Console.WriteLine($"GET /model served it {servedAfter.TotalMilliseconds:F0} ms later");
        // The requests that were in flight while the server noticed, loaded and switched to the new file.
        var during = LatencySummary.Of(result.Requests.Where(r => r.Overlaps(swap.ReplacedAt, swap.ServedAt!.Value)));
        Console.WriteLine($"  during it   {during.Count:N0} requests, {during.Errors} errors, latency ms p50 {during.P50:F2}  p99 {during.P99:F2}  max {during.Max:F2}");
        if (swap.ServedAt > result.End)
            Console.WriteLine("  warning: the load ended before the new model was served, so the reload did not run entirely under load; " +
                "give more --requests or a smaller --swap-after.");
    }
}
