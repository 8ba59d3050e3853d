namespace ClassifierToolkit.Cli.Doctor;

/// <summary>The CPU instructions that decide how fast fp32, bf16 training and int8 models run.</summary>
internal sealed class CpuFeaturesCheck(CpuInfo? cpu) : IDoctorCheck
{
    private sealed record Feature(string Flag, string WhenPresent, string WhenAbsent, bool AbsenceIsWorthAWarning);

    private static readonly Feature[] Features =
    [
        new("avx2", "vectorized fp32 kernels in libtorch and ONNX Runtime; int8 models run on AVX2 integer kernels",
            "no AVX2: libtorch and ONNX Runtime fall back to slower kernels", true),
        new("avx512f", "512-bit fp32 kernels", "256-bit kernels (fine; AVX-512 is faster for convolutions)", false),
        new("avx512_bf16", "training.precision bf16 runs natively: about 1.7x the images/s of fp32 for the CNN and ResNet-20",
            "no native bf16: training.precision bf16 is slower than fp32 here, keep fp32", false),
        new("avx512_vnni", "int8 models (ctk quantize) run on VNNI integer kernels: 1.25-2.1x the speed of fp32",
            "no VNNI: int8 models still work, with a smaller speedup over fp32", false),
    ];

    public DoctorSection Run()
    {
        if (cpu is null || cpu.Flags.Count == 0)
            return new DoctorSection("CPU features", [new("flags", "unknown: /proc/cpuinfo lists no flags (not Linux on x86)")]);
        return new DoctorSection("CPU features", Features.Select(feature => cpu.Flags.Contains(feature.Flag)
            ? DoctorFinding.Ok(feature.Flag, "yes: " + feature.WhenPresent)
            : new DoctorFinding(feature.Flag, "no: " + feature.WhenAbsent, feature.AbsenceIsWorthAWarning ? FindingStatus.Warning : FindingStatus.Info)).ToList());
    }
}
