namespace ClassifierToolkit.Cli.New;

/// <summary>What this CPU can compute fast, read from <c>/proc/cpuinfo</c> (Linux; elsewhere: nothing assumed).</summary>
internal static class CpuFeatures
{
    /// <summary>Whether the CPU has bfloat16 instructions (AVX-512 BF16 or AMX), so bf16 training is faster than fp32.</summary>
    public static bool HasBf16() => Flags().Overlaps(["avx512_bf16", "amx_bf16"]);

    /// <summary>The flags of the first processor, empty where unknown.</summary>
    public static HashSet<string> Flags()
    {
        const string cpuInfo = "/proc/cpuinfo";
        if (!File.Exists(cpuInfo)) return [];
        var line = File.ReadLines(cpuInfo).FirstOrDefault(l => l.StartsWith("flags", StringComparison.Ordinal));
        return line is null ? [] : line[(line.IndexOf(':') + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet();
    }
}
