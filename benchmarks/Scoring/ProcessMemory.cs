namespace Scoring;

/// <summary>This process's memory in MB: resident (VmRSS), its peak (VmHWM), and the managed heap.</summary>
internal static class ProcessMemory
{
    public static double ResidentMb() => Status("VmRSS") ?? Environment.WorkingSet / 1048576.0;

    public static double PeakResidentMb() => Status("VmHWM") ?? double.NaN;

    /// <summary>Live managed objects after a full collection (a managed leak shows here, a native one only in RSS).</summary>
    public static double ManagedHeapMb() => GC.GetTotalMemory(forceFullCollection: true) / 1048576.0;

    // Linux reports kB in /proc/self/status; elsewhere null.
    private static double? Status(string key)
    {
        const string file = "/proc/self/status";
        if (!File.Exists(file)) return null;
        var line = File.ReadLines(file).FirstOrDefault(l => l.StartsWith(key + ":", StringComparison.Ordinal));
        return line is null ? null : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024.0;
    }
}
