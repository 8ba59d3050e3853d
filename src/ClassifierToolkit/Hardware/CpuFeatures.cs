using System.Runtime.Intrinsics.X86;

namespace ClassifierToolkit.Hardware;

/// <summary>
/// The CPU's model name and the instruction-set flags the toolkit's choices depend on (bf16 training, int8 kernels), as
/// Linux's <c>/proc/cpuinfo</c> lists them; elsewhere what .NET's intrinsics report (without bf16, which .NET cannot see).
/// </summary>
/// <param name="ModelName">The CPU's model name, or null where none is known.</param>
/// <param name="Flags">Lower-case feature flags as <c>/proc/cpuinfo</c> names them (<c>avx2</c>, <c>avx512_bf16</c>, ...).</param>
internal sealed record CpuFeatures(string? ModelName, IReadOnlySet<string> Flags)
{
    /// <summary>oneDNN's cap on the instruction sets it uses (libtorch's convolutions read it at start).</summary>
    public const string OneDnnIsaCapVariable = "ONEDNN_MAX_CPU_ISA";

    private const string ProcCpuInfo = "/proc/cpuinfo";

    // The flags each of oneDNN's ISA levels adds, lowest first (its ONEDNN_MAX_CPU_ISA names): capping at a level hides
    // the flags of the levels above it.
    private static readonly (string Level, string[] Adds)[] OneDnnLevels =
    [
        ("SSE41", ["sse4_1"]),
        ("AVX", ["avx"]),
        ("AVX2", ["avx2", "fma"]),
        ("AVX2_VNNI", ["avx_vnni"]),
        ("AVX2_VNNI_2", ["avx_vnni_int8", "avx_ne_convert"]),
        ("AVX512_CORE", ["avx512f", "avx512bw", "avx512vl", "avx512dq", "avx512cd"]),
        ("AVX512_CORE_VNNI", ["avx512_vnni"]),
        ("AVX512_CORE_BF16", ["avx512_bf16"]),
        ("AVX512_CORE_FP16", ["avx512_fp16"]),
        ("AVX512_CORE_AMX", ["amx_tile", "amx_int8", "amx_bf16"]),
    ];

    // What a figure's reader needs to know, in the order README's labels use.
    private static readonly (string Flag, string Name)[] Labelled =
    [
        ("avx2", "AVX2"), ("avx512f", "AVX-512"), ("avx512_bf16", "AVX-512 BF16"), ("amx_bf16", "AMX"),
        ("avx512_vnni", "AVX-512 VNNI"), ("avx_vnni", "AVX-VNNI"),
    ];

    private static readonly Lazy<CpuFeatures> ThisMachine = new(Read);

    /// <summary>This machine's CPU as it is (read once): what ONNX Runtime, which has no ISA cap, dispatches on.</summary>
    public static CpuFeatures Machine => ThisMachine.Value;

    /// <summary>This machine's CPU less what <c>ONEDNN_MAX_CPU_ISA</c> tells libtorch not to use: what training dispatches on.</summary>
    public static CpuFeatures ForLibTorch => Machine.CappedAt(Environment.GetEnvironmentVariable(OneDnnIsaCapVariable));

    /// <summary>Whether the CPU has 256-bit integer and fp32 vector instructions.</summary>
    public bool HasAvx2 => Flags.Contains("avx2");

    /// <summary>Whether the CPU has 512-bit vector instructions.</summary>
    public bool HasAvx512 => Flags.Contains("avx512f");

    /// <summary>Whether the CPU computes bfloat16 natively (AVX-512 BF16 or AMX): bf16 training beats fp32 there, and
    /// without them it runs on emulation many times slower.</summary>
    public bool HasNativeBf16 => Flags.Contains("avx512_bf16") || Flags.Contains("amx_bf16");

    /// <summary>Whether the CPU has VNNI dot products (AVX-512 VNNI, AVX-VNNI or AMX): int8 kernels then accumulate in
    /// 32 bits; without them ONNX Runtime's AVX2 kernels add pairs of 8-bit products in 16 bits, which can saturate.</summary>
    public bool HasVnni => Flags.Contains("avx512_vnni") || Flags.Contains("avx_vnni") || Flags.Contains("amx_int8");

    /// <summary>The features that decide the toolkit's speed, by their usual names (<c>AVX2</c>, <c>AVX-512</c>, <c>AVX-512 BF16</c>, ...).</summary>
    public IReadOnlyList<string> Names => [.. Labelled.Where(f => Flags.Contains(f.Flag)).Select(f => f.Name)];

    /// <summary>One line for reports and logs, e.g. <c>AMD EPYC 9R14 (AVX2, AVX-512, AVX-512 BF16, AVX-512 VNNI)</c>.</summary>
    public string Describe() => $"{ModelName ?? "unknown CPU"} ({(Names.Count > 0 ? string.Join(", ", Names) : "no AVX2")})";

    /// <summary>These features less those above oneDNN's <paramref name="level"/> (an <c>ONEDNN_MAX_CPU_ISA</c> value); unchanged
    /// for null, <c>ALL</c>, <c>DEFAULT</c> or a level not known here.</summary>
    public CpuFeatures CappedAt(string? level)
    {
        int cap = Array.FindIndex(OneDnnLevels, l => string.Equals(l.Level, level?.Trim(), StringComparison.OrdinalIgnoreCase));
        if (cap < 0) return this;
        var hidden = OneDnnLevels.Skip(cap + 1).SelectMany(l => l.Adds).ToHashSet();
        return this with { Flags = Flags.Where(f => !hidden.Contains(f)).ToHashSet() };
    }

    // /proc/cpuinfo on Linux, .NET's intrinsics elsewhere.
    private static CpuFeatures Read() => File.Exists(ProcCpuInfo) ? Parse(File.ReadLines(ProcCpuInfo)) : FromIntrinsics();

    /// <summary>The first processor's model name and flags from <c>/proc/cpuinfo</c> text (x86 <c>flags</c> or ARM <c>Features</c>).</summary>
    public static CpuFeatures Parse(IEnumerable<string> lines)
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
            else if (key is "flags" or "Features") flags ??= [.. value.Split(' ', StringSplitOptions.RemoveEmptyEntries)];
            if (model is not null && flags is not null) break;
        }
        return new CpuFeatures(model, flags ?? []);
    }

    private static CpuFeatures FromIntrinsics()
    {
        var flags = new HashSet<string>();
        if (Avx2.IsSupported) flags.Add("avx2");
        if (Avx512F.IsSupported) flags.Add("avx512f");
        if (AvxVnni.IsSupported) flags.Add("avx_vnni");
        return new CpuFeatures(null, flags);
    }
}
