using System.Diagnostics;
using ClassifierToolkit.Build;
using ClassifierToolkit.Data;
using ClassifierToolkit.Tests.Support;

namespace ClassifierToolkit.Tests.Cli;

[Collection(ChildProcessTests.Name)]
public class DoctorCommandTests
{
    [Fact]
    public void Doctor_WorkingBuildWithoutFullData_ExitsZeroAndReportsWhatItSees()
    {
        var folder = TestPaths.NewTempFolder();
        var cache = Path.Combine(folder, "cache");
        Directory.CreateDirectory(Path.Combine(cache, "features"));
        File.WriteAllBytes(Path.Combine(cache, "features", "a.bin"), new byte[10_000]);
        File.WriteAllBytes(Path.Combine(cache, "features", "b.bin"), new byte[2_345]);
        var environment = new Dictionary<string, string>
        {
            ["CTK_CACHE_DIR"] = cache,
            ["CTK_DATA_DIR"] = Path.Combine(folder, "data"),
            [FashionMnistLocator.SystemFolderVariable] = Path.Combine(folder, "no-system-copy"),
        };

        var result = CtkProcess.Run(["doctor"], environment);

        Assert.True(result.ExitCode == 0, result.Error + result.Output);
        foreach (var title in new[] { ".NET and machine", "CPU features", "Packages", "TorchSharp", "Devices", "Data sets: Fashion-MNIST", "Pretrained weights", "Cache folders" })
            Assert.Contains("── " + title, result.Output);
        Assert.Contains(".NET 10", result.Output);
        Assert.Contains("libtorch-cpu", result.Output);
        Assert.Contains("works: computed with a tensor", result.Output);
        Assert.Contains("CPUExecutionProvider", result.Output);
        Assert.Contains("3,000 training and 500 test images", result.Output);
        Assert.Contains($"missing: {Path.Combine(folder, "data", "fashion-mnist")}", result.Output);
        Assert.Contains(CtkProcess.ClosedPortUrl, result.Output);
        Assert.Contains("12,345 bytes (12.1 KB)", result.Output);
        // The table wraps long paths wherever the clone lives, so single words: found, and no "not found" warning.
        Assert.Contains("present,", result.Output);
        Assert.DoesNotContain("was not found in", result.Output);
        Assert.Contains("Everything ctk needs works.", result.Output);
        if (OperatingSystem.IsLinux())
            Assert.Contains(ElfVersionNeedPatcher.SystemLibStdCxxHas(ElfVersionNeedPatcher.MissingVersion) ? "not needed" : "applied:", result.Output);
    }

    [SkippableFact]
    public void Doctor_TorchSharpCannotLoad_ExitsOneNamingTheFix()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "The broken copy is made with hard links (cp -al).");
        // A hard-linked copy of this build (same file system, no bytes copied) without TorchSharp's native library; an
        // empty NuGet folder stops TorchSharp from copying libtorch out of the package cache instead.
        var app = Path.Combine(Path.GetDirectoryName(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar))!, "doctor-" + Guid.NewGuid().ToString("N"));
        using (var copy = Process.Start("cp", ["-al", AppContext.BaseDirectory, app])!) copy.WaitForExit();
        try
        {
            foreach (var library in Directory.GetFiles(app, "libLibTorchSharp.so", SearchOption.AllDirectories)) File.Delete(library);

            var result = CtkProcess.Run(["doctor"], new() { ["NUGET_PACKAGES"] = Path.Combine(app, "no-packages") }, app);

            Assert.True(result.ExitCode == 1, result.Error + result.Output);
            Assert.Contains("loading", result.Output);
            Assert.Contains("fails: The type initializer for 'TorchSharp.torch' threw an exception", result.Output);
            Assert.Contains("Fix: ", result.Output);
            Assert.Contains("ctk cannot train here: TorchSharp loading fails", result.Output);
        }
        finally
        {
            Directory.Delete(app, recursive: true);
        }
    }
}
