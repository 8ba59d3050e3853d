using System.Runtime.CompilerServices;

namespace ClassifierToolkit.Tests.Support;

/// <summary>
/// Gives the test run its own temporary folder, removed when the run ends: every test folder, ML.NET's temporary copies of
/// loaded networks (deleted only when a model is disposed) and whatever child processes write, which inherit it as TMPDIR.
/// Without it each run left gigabytes behind.
/// </summary>
internal static class TestTempFolder
{
    public static string Root { get; private set; } = Path.GetTempPath();

#pragma warning disable CA2255 // a test assembly is exactly where a module initializer belongs
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Create()
    {
        var parent = Path.Combine(Path.GetTempPath(), "ctk-tests");
        RemoveFinishedRuns(parent);
        Root = Path.Combine(parent, $"run-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Root);
        Environment.SetEnvironmentVariable("TMPDIR", Root);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { Directory.Delete(Root, recursive: true); }
            catch (IOException) { } // a child process still writing; the folder is in /tmp all the same
            catch (UnauthorizedAccessException) { }
        };
    }

    // The test host is not always let finish (vstest may end it once results are in), so a run's exit handler can miss;
    // each run therefore also removes the folders of runs whose process is gone.
    private static void RemoveFinishedRuns(string parent)
    {
        if (!Directory.Exists(parent)) return;
        foreach (var folder in Directory.EnumerateDirectories(parent, "run-*"))
        {
            var parts = Path.GetFileName(folder).Split('-');
            if (parts.Length < 3 || !int.TryParse(parts[1], out int pid) || IsRunning(pid)) continue;
            try { Directory.Delete(folder, recursive: true); }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
