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
        Root = Path.Combine(Path.GetTempPath(), "ctk-tests", $"run-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Root);
        Environment.SetEnvironmentVariable("TMPDIR", Root);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { Directory.Delete(Root, recursive: true); }
            catch (IOException) { } // a child process still writing; the folder is in /tmp all the same
            catch (UnauthorizedAccessException) { }
        };
    }
}
