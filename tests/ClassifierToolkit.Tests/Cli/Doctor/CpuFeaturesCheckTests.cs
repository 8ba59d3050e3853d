using ClassifierToolkit.Cli.Doctor;
using ClassifierToolkit.Hardware;

namespace ClassifierToolkit.Tests.Cli.Doctor;

public class CpuFeaturesCheckTests
{
    private static readonly CpuFeatures Genoa = CpuFeatures.Parse(["model name : EPYC Genoa", "flags : avx2 avx512f avx512_bf16 avx512_vnni"]);
    private static readonly CpuFeatures Rome = CpuFeatures.Parse(["model name : EPYC Rome", "flags : avx2 fma"]);

    private static string Finding(DoctorSection section, string nameStart) => section.Findings.Single(f => f.Name.StartsWith(nameStart, StringComparison.Ordinal)).Value;

    [Fact]
    public void Run_CpuWithBf16AndVnni_SaysAutoTrainsInBf16AndQuantizeWrites8BitWeights()
    {
        var section = new CpuFeaturesCheck(Genoa, oneDnnCap: null).Run();
        Assert.StartsWith("yes: native: training.precision auto trains in bf16", Finding(section, "bf16"));
        Assert.StartsWith("yes: ctk quantize writes 8-bit weights", Finding(section, "vnni"));
        Assert.DoesNotContain(section.Findings, f => f.Name == CpuFeatures.OneDnnIsaCapVariable);
    }

    [Fact]
    public void Run_Avx2OnlyCpu_SaysAutoTrainsInFp32AndQuantizeWrites7BitWeights()
    {
        var section = new CpuFeaturesCheck(Rome, oneDnnCap: null).Run();
        Assert.StartsWith("no: not native: training.precision auto trains in fp32", Finding(section, "bf16"));
        Assert.Contains("23x", Finding(section, "bf16"));
        Assert.StartsWith("no: ctk quantize writes 7-bit weights", Finding(section, "vnni"));
        Assert.Equal(FindingStatus.Ok, section.Findings.Single(f => f.Name == "avx2").Status);
    }

    [Fact]
    public void Run_OneDnnCappedAtAvx2_ReportsTheCapAndThePrecisionItImplies()
    {
        var section = new CpuFeaturesCheck(Genoa, oneDnnCap: "AVX2").Run();
        // libtorch will not use bf16 instructions, so auto trains in fp32; ONNX Runtime ignores the cap, so int8 keeps VNNI.
        Assert.StartsWith("no: not native", Finding(section, "bf16"));
        Assert.StartsWith("yes: ctk quantize writes 8-bit weights", Finding(section, "vnni"));
        Assert.Equal("AVX2: libtorch uses AVX2 only", Finding(section, CpuFeatures.OneDnnIsaCapVariable));
    }
}
