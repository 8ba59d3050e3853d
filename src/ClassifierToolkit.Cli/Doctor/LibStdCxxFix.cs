using ClassifierToolkit.Build;

namespace ClassifierToolkit.Cli.Doctor;

/// <summary>
/// Whether the build's libstdc++ fix (build/TorchSharpCompat.targets) is needed here, and applied to the copies of
/// libLibTorchSharp.so beside ctk: needed when the system's libstdc++ lacks <see cref="ElfVersionNeedPatcher.MissingVersion"/>;
/// applied when each copy marks that version need weak.
/// </summary>
internal static class LibStdCxxFix
{
    private const string Name = "libstdc++ fix";
    private const string Library = "libLibTorchSharp.so";
    private const string Rebuild = "rebuild ctk (dotnet build ClassifierToolkit.sln -c Release, or publish): build/TorchSharpCompat.targets patches the output's copy; an installed tool's package carries a patched copy, so reinstall it";

    public static DoctorFinding Inspect(string appFolder)
    {
        if (!OperatingSystem.IsLinux()) return new DoctorFinding(Name, "not needed (not Linux)");
        var version = ElfVersionNeedPatcher.MissingVersion;
        if (ElfVersionNeedPatcher.SystemLibStdCxxHas(version)) return DoctorFinding.Ok(Name, $"not needed: the system libstdc++ has {version}");
        var copies = Directory.EnumerateFiles(appFolder, Library, SearchOption.AllDirectories).ToList();
        if (copies.Count == 0) return DoctorFinding.Warning(Name, $"needed (the system libstdc++ lacks {version}), but there is no {Library} under {appFolder} to check");
        var unpatched = new List<string>();
        foreach (var copy in copies)
        {
            ushort? flags;
            try
            {
                flags = ElfVersionNeedPatcher.ReadVersionNeedFlags(copy, version);
            }
            catch (InvalidDataException e)
            {
                return DoctorFinding.Warning(Name, $"could not read '{copy}': {e.Message}");
            }
            if (flags is { } value && (value & ElfVersionNeedPatcher.VerFlagWeak) == 0) unpatched.Add(copy);
        }
        return unpatched.Count == 0
            ? DoctorFinding.Ok(Name, $"applied: the system libstdc++ lacks {version}, and the need for it is marked weak in {string.Join(", ", copies)}")
            : DoctorFinding.Warning(Name, $"needed but not applied: the system libstdc++ lacks {version}, and {string.Join(", ", unpatched)} still requires it; {Rebuild}");
    }
}
