using System.Diagnostics;

namespace ClassifierToolkit.Cli;

/// <summary>Starts this very ctk again as a child process (search workers, <c>ctk ui</c>'s background <c>ctk new</c>).</summary>
internal static class CtkSelf
{
    /// <summary>Runs <c>ctk <paramref name="args"/></c> as <c>dotnet ctk.dll</c> or as the ctk app host, whichever this process is,
    /// its output redirected.</summary>
    public static ProcessStartInfo StartInfo(IEnumerable<string> args)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath!) == "dotnet") start.ArgumentList.Add(typeof(CtkApp).Assembly.Location);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        return start;
    }
}
