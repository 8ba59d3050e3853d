namespace Scoring;

/// <summary>Resident and managed memory at one moment, in MB.</summary>
internal sealed record MemoryReading(double ResidentMb, double ManagedMb)
{
    public static MemoryReading Now() => new(ProcessMemory.ResidentMb(), ProcessMemory.ManagedHeapMb());

    public override string ToString() => $"RSS {ResidentMb:F0} MB, managed heap {ManagedMb:F0} MB";
}
