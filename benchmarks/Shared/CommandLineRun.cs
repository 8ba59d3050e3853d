using System.CommandLine;

namespace Benchmarks.Shared;

/// <summary>Runs a benchmark's command line with ctk's exit codes: 2 for a wrong command line, else the action's code.</summary>
internal static class CommandLineRun
{
    public const int UsageError = 2;

    /// <summary>Parses <paramref name="args"/>; on parse errors prints them and returns <see cref="UsageError"/>, else invokes the action.</summary>
    public static Task<int> InvokeAsync(RootCommand root, string[] args)
    {
        var parsed = root.Parse(args);
        if (parsed.Errors.Count == 0) return parsed.InvokeAsync();
        foreach (var error in parsed.Errors) Console.Error.WriteLine($"error: {error.Message}");
        Console.Error.WriteLine("Run with --help for usage.");
        return Task.FromResult(UsageError);
    }

    /// <summary>
    /// Prints <paramref name="errors"/>; true when there were any. For checks of option values, done in the action
    /// because parser validators see unset options without their default values.
    /// </summary>
    public static bool ReportUsageErrors(IEnumerable<string> errors)
    {
        var list = errors.ToList();
        foreach (var error in list) Console.Error.WriteLine($"error: {error}");
        return list.Count > 0;
    }
}
