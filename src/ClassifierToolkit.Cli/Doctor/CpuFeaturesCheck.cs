using ClassifierToolkit.Hardware;
using ClassifierToolkit.Torch.Training.Compute;

namespace ClassifierToolkit.Cli.Doctor;

/// <summary>The CPU instructions that decide how fast fp32, bf16 training and int8 models run, and what ctk chooses from them;
/// <paramref name="oneDnnCap"/> is <c>ONEDNN_MAX_CPU_ISA</c>'s value, which holds libtorch (and so the precision choice) below it.</summary>
internal sealed class CpuFeaturesCheck(CpuFeatures cpu, string? oneDnnCap) : IDoctorCheck
{
    private sealed record Feature(bool Present, string Name, string WhenPresent, string WhenAbsent, bool AbsenceIsWorthAWarning);

    public DoctorSection Run()
    {
        if (cpu.Flags.Count == 0)
            return new DoctorSection("CPU features", [new("flags", "unknown: /proc/cpuinfo lists no flags (not Linux on x86)")]);
        var libTorch = cpu.CappedAt(oneDnnCap);
        Feature[] features =
        [
            new(cpu.HasAvx2, "avx2", "vectorized fp32 kernels in libtorch and ONNX Runtime",
                "no AVX2: libtorch and ONNX Runtime fall back to slower kernels", true),
            new(cpu.HasAvx512, "avx512f", "512-bit fp32 kernels", "256-bit kernels (fine; AVX-512 is faster for convolutions)", false),
            new(libTorch.HasNativeBf16, "bf16 (avx512_bf16 or amx_bf16)",
                "native: training.precision auto trains in bf16 (about 1.7x the images/s of fp32 for the CNN and ResNet-20)",
                $"not native: training.precision auto trains in fp32; an explicit bf16 is emulated, many times slower ({ComputePlan.EmulatedBf16Slowdown}x for the seed CNN), and warns", false),
            new(cpu.HasVnni, "vnni (avx512_vnni, avx_vnni or amx_int8)",
                "ctk quantize writes 8-bit weights, run on VNNI integer kernels (1.25-2.1x the speed of fp32)",
                "ctk quantize writes 7-bit weights (reduce-range), as ONNX Runtime's AVX2 int8 kernels can saturate 16-bit sums of 8-bit products", false),
        ];
        var findings = features.Select(feature => feature.Present
            ? DoctorFinding.Ok(feature.Name, "yes: " + feature.WhenPresent)
            : new DoctorFinding(feature.Name, "no: " + feature.WhenAbsent, feature.AbsenceIsWorthAWarning ? FindingStatus.Warning : FindingStatus.Info)).ToList();
        if (oneDnnCap is { Length: > 0 })
            findings.Add(new DoctorFinding(CpuFeatures.OneDnnIsaCapVariable, $"{oneDnnCap}: libtorch uses {string.Join(", ", libTorch.Names)} only", FindingStatus.Info));
        return new DoctorSection("CPU features", findings);
    }
}
