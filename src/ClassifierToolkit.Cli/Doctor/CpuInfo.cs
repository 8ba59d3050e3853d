namespace ClassifierToolkit.Cli.Doctor;

/// <summary>The CPU's model name and feature flags as Linux's <c>/proc/cpuinfo</c> lists them (first processor).</summary>
internal sealed record CpuInfo(string? ModelName, IReadOnlySet<string> Flags)
{
    private const string ProcCpuInfo = "/proc/cpuinfo";

    /// <summary>Whether the CPU has bfloat16 instructions (AVX-512 BF16 or AMX), so bf16 training beats fp32 (<c>ctk new</c> picks it then).</summary>
    public bool HasBf16 => Flags.Contains("avx512_bf16") || Flags.Contains("amx_bf16");

    /// <summary>This machine's, or null where there is no <c>/proc/cpuinfo</c> (not Linux).</summary>
    public static CpuInfo? Read() => File.Exists(ProcCpuInfo) ? Parse(File.ReadLines(ProcCpuInfo)) : null;

    public static CpuInfo Parse(IEnumerable<string> lines)
    {
        string? model = null;
        HashSet<string>? flags = null;
        foreach (var line in lines)
        {
            var colon = line.IndexOf(':');
            if (colon < 0) continue;
            var key = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            if (key == "model name") model ??= value;
            // x86 says "flags", ARM says "Features".
            else if (key is "flags" or "Features") flags ??= [.. value.Split(' ', StringSplitOptions.RemoveEmptyEntries)];
            if (model is not null && flags is not null) break;
        }
        return new CpuInfo(model, flags ?? []);
    }
}
