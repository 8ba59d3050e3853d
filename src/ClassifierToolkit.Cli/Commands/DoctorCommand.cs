using System.CommandLine;
using ClassifierToolkit.Cli.Doctor;
using ClassifierToolkit.Hardware;
using Spectre.Console;

namespace ClassifierToolkit.Cli.Commands;

/// <summary>
/// <c>ctk doctor</c>: what the toolkit sees (.NET and package versions, TorchSharp loading and the libstdc++ fix, devices,
/// data sets, cache folders). Exits 1 when something ctk needs does not work, i.e. TorchSharp cannot load.
/// </summary>
internal static class DoctorCommand
{
    public static Command Create()
    {
        var command = new Command("doctor", "Show what ctk sees: .NET and package versions, TorchSharp loading, devices, data sets and cache folders.");
        command.SetAction(_ =>
        {
            var cpu = CpuFeatures.Machine;
            var torch = new TorchSharpProbe();
            IDoctorCheck[] checks =
            [
                new MachineCheck(cpu), new CpuFeaturesCheck(cpu, Environment.GetEnvironmentVariable(CpuFeatures.OneDnnIsaCapVariable)), new PackageVersionsCheck(), new TorchSharpCheck(torch, AppContext.BaseDirectory),
                new DevicesCheck(torch), new DataSetsCheck(), new PretrainedWeightsCheck(), new CacheFoldersCheck(),
            ];
            var failures = new List<string>();
            foreach (var check in checks)
            {
                var section = check.Run();
                DoctorPrinter.Print(section);
                failures.AddRange(section.Findings.Where(finding => finding.Status == FindingStatus.Failure).Select(finding => $"{section.Title} {finding.Name}"));
            }
            if (failures.Count > 0)
            {
                AnsiConsole.MarkupLineInterpolated($"[bold red]ctk cannot train here: {string.Join("; ", failures)} fails (the fix is printed above).[/]");
                return CtkApp.Failure;
            }
            AnsiConsole.MarkupLine("[green]Everything ctk needs works.[/]");
            return CtkApp.Success;
        });
        return command;
    }
}
