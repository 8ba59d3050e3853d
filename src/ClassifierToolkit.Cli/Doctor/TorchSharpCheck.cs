namespace ClassifierToolkit.Cli.Doctor;

/// <summary>Whether TorchSharp loads and computes, and whether the libstdc++ fix it may need is in place.</summary>
internal sealed class TorchSharpCheck(TorchSharpProbe probe, string appFolder) : IDoctorCheck
{
    public DoctorSection Run() => new("TorchSharp",
    [
        LibStdCxxFix.Inspect(appFolder),
        probe.Failure is { } failure
            ? DoctorFinding.Failure("loading", $"fails: {Headlines(failure)}. Fix: {LikelyFix(failure)}")
            : DoctorFinding.Ok("loading", "works: computed with a tensor on the CPU"),
    ]);

    // A failed native load hides its cause in inner exceptions (TypeInitializationException, DllNotFoundException), and
    // TorchSharp appends a long loader trace: the first line of each message says what happened.
    private static string Headlines(Exception failure) =>
        string.Join(" ← ", Chain(failure).Select(e => e.Message.Trim().Split('\n')[0].Trim().TrimEnd('.')).Distinct());

    private static IEnumerable<Exception> Chain(Exception failure)
    {
        for (var e = failure; e is not null; e = e.InnerException) yield return e;
    }

    private static string LikelyFix(Exception failure)
    {
        var text = string.Join("\n", Chain(failure).Select(e => e.Message));
        if (text.Contains("GLIBCXX", StringComparison.Ordinal))
            return "the system libstdc++ is older than libLibTorchSharp.so asks for; rebuild ctk (dotnet build ClassifierToolkit.sln -c Release) " +
                "or reinstall the tool (its package carries the fixed copy), which marks that version need weak (build/TorchSharpCompat.targets), or install a newer libstdc++6.";
        if (text.Contains("libtorch", StringComparison.OrdinalIgnoreCase) || Chain(failure).Any(e => e is DllNotFoundException))
            return "the native libtorch is missing or does not match TorchSharp: build with the default -p:TorchBackend=cpu " +
                "(or cuda) and run ctk from its build or publish folder, or reinstall the tool.";
        return "run 'dotnet build ClassifierToolkit.sln -c Release' and start ctk from its output folder; see the README's Platform notes.";
    }
}
