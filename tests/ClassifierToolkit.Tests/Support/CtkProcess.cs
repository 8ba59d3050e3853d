using System.Diagnostics;

namespace ClassifierToolkit.Tests.Support;

/// <summary>Runs the real <c>ctk</c> console (built next to the tests) as a child process.</summary>
internal static class CtkProcess
{
    public sealed record Result(int ExitCode, string Output, string Error);

    /// <summary>A URL nothing listens on (the discard port), so a connection is refused at once.</summary>
    public const string ClosedPortUrl = "http://127.0.0.1:9/";

    public static Result Run(params string[] args) => Run(args, []);

    /// <summary>Runs <c>ctk</c> with <paramref name="args"/>; <paramref name="appFolder"/> is where ctk.dll is (default: beside the tests).</summary>
    public static Result Run(string[] args, Dictionary<string, string> environment, string? appFolder = null)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(appFolder ?? AppContext.BaseDirectory, "ctk.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["CTK_DATA_DIR"] = Path.Combine(TestPaths.NewTempFolder(), "no-data");
        start.Environment["CTK_CACHE_DIR"] = Path.Combine(TestPaths.NewTempFolder(), "cache");
        // Tests never download: a mirror on a closed local port refuses at once.
        start.Environment["CTK_FASHION_MNIST_MIRROR"] = ClosedPortUrl;
        foreach (var (name, value) in environment) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("ctk " + string.Join(' ', args) + " did not finish in 3 minutes.");
        }
        return new Result(process.ExitCode, output.Result, error.Result);
    }
}
