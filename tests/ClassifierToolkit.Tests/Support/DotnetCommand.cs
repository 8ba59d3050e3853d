using System.Diagnostics;

namespace ClassifierToolkit.Tests.Support;

/// <summary>Runs <c>dotnet</c> (a build, an app's .dll) or another program as a child process and collects what it prints.</summary>
internal static class DotnetCommand
{
    public sealed record Result(int ExitCode, string Output, string Error);

    public static ProcessStartInfo StartInfo(IEnumerable<string> args, string? workingDirectory = null) => ProgramStartInfo("dotnet", args, workingDirectory);

    /// <summary>Starts <paramref name="program"/> (a path, or a name on PATH) with <paramref name="args"/>, its output redirected.</summary>
    public static ProcessStartInfo ProgramStartInfo(string program, IEnumerable<string> args, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (workingDirectory is not null) start.WorkingDirectory = workingDirectory;
        foreach (var arg in args) start.ArgumentList.Add(arg);
        return start;
    }

    /// <exception cref="TimeoutException">It ran longer than <paramref name="timeout"/> (it is killed).</exception>
    public static Result Run(IEnumerable<string> args, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment = null) =>
        Run(StartInfo(args), timeout, environment);

    /// <exception cref="TimeoutException">It ran longer than <paramref name="timeout"/> (it is killed).</exception>
    public static Result Run(ProcessStartInfo start, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment = null)
    {
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{start.FileName} {string.Join(' ', start.ArgumentList)} did not finish in {timeout.TotalMinutes:0.#} minutes.");
        }
        return new Result(process.ExitCode, output.Result, error.Result);
    }
}
