using System.Globalization;
using System.Runtime.InteropServices;
using ClassifierToolkit.Hardware;

namespace ClassifierToolkit.Cli.Doctor;

/// <summary>The .NET runtime, the operating system, the CPU and the memory ctk runs on.</summary>
internal sealed class MachineCheck(CpuFeatures cpu) : IDoctorCheck
{
    public DoctorSection Run() => new(".NET and machine",
    [
        new(".NET runtime", $"{RuntimeInformation.FrameworkDescription} ({RuntimeInformation.RuntimeIdentifier})"),
        new("OS", $"{RuntimeInformation.OSDescription} ({RuntimeInformation.OSArchitecture})"),
        new("CPU", cpu.ModelName ?? "unknown (no /proc/cpuinfo)"),
        new("logical cores", Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture)),
        new("memory available to .NET", ByteSize.Format(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes)),
    ]);
}
