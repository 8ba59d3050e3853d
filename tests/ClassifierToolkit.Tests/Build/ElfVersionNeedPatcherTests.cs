using ClassifierToolkit.Build;
using static TorchSharp.torch;

namespace ClassifierToolkit.Tests.Build;

public class ElfVersionNeedPatcherTests
{
    private const ushort Weak = 0x2;

    private static string OutputCopy => Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "libLibTorchSharp.so");

    private static string NuGetCacheCopy
    {
        get
        {
            var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
                ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
            var version = typeof(TorchSharp.torch).Assembly.GetName().Version!;
            return Path.Combine(packages, "torchsharp", $"{version.Major}.{version.Minor}.{version.Build}", "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        }
    }

    [SkippableFact]
    public void BuildOutput_OnThisMachine_IsPatchedExactlyWhenLibStdCxxLacksTheVersion()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "ELF patching is Linux-only.");
        var flags = ElfVersionNeedPatcher.ReadVersionNeedFlags(OutputCopy, ElfVersionNeedPatcher.MissingVersion);
        Assert.NotNull(flags);
        bool systemHasVersion = ElfVersionNeedPatcher.SystemLibStdCxxHas(ElfVersionNeedPatcher.MissingVersion);
        Assert.Equal(!systemHasVersion, (flags!.Value & Weak) != 0);
    }

    [SkippableFact]
    public void NuGetCache_AfterBuild_IsNeverPatched()
    {
        Skip.IfNot(File.Exists(NuGetCacheCopy), "TorchSharp is not in the default NuGet cache.");
        var flags = ElfVersionNeedPatcher.ReadVersionNeedFlags(NuGetCacheCopy, ElfVersionNeedPatcher.MissingVersion);
        Assert.Equal(0, flags!.Value & Weak);
    }

    [SkippableFact]
    public void MarkVersionNeedWeak_AppliedTwice_PatchesOnceAndChangesOnlyTheFlag()
    {
        Skip.IfNot(File.Exists(NuGetCacheCopy), "TorchSharp is not in the default NuGet cache.");
        var folder = Support.TestPaths.NewTempFolder();
        var copy = Path.Combine(folder, "libLibTorchSharp.so");
        File.Copy(NuGetCacheCopy, copy);
        var original = File.ReadAllBytes(copy);

        Assert.Equal(ElfPatchOutcome.Patched, ElfVersionNeedPatcher.MarkVersionNeedWeak(copy, ElfVersionNeedPatcher.MissingVersion));
        var once = File.ReadAllBytes(copy);
        Assert.Equal(ElfPatchOutcome.AlreadyPatched, ElfVersionNeedPatcher.MarkVersionNeedWeak(copy, ElfVersionNeedPatcher.MissingVersion));

        Assert.Equal(once, File.ReadAllBytes(copy));
        Assert.Equal(original.Length, once.Length);
        Assert.Equal(1, original.Zip(once).Count(pair => pair.First != pair.Second));
        Assert.Equal(ElfPatchOutcome.NotNeeded, ElfVersionNeedPatcher.MarkVersionNeedWeak(copy, "GLIBCXX_0.0.0"));
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public void TorchSharp_AfterBuild_LoadsAndComputes()
    {
        using var sum = ones(3, 4).sum();
        Assert.Equal(12f, sum.item<float>());
    }
}
