using ClassifierToolkit.Hardware;

namespace ClassifierToolkit.Tests.Hardware;

public class CpuFeaturesTests
{
    // The first processor of an AVX-512 EPYC, as /proc/cpuinfo lists it (flags shortened).
    private static readonly string[] Epyc =
    [
        "processor\t: 0",
        "model name\t: AMD EPYC 9R14 96-Core Processor",
        "flags\t\t: fpu sse4_1 avx f16c fma avx2 avx512f avx512dq avx512cd avx512bw avx512vl avx512_bf16 avx512_vnni",
        "processor\t: 1",
        "model name\t: another",
    ];

    [Fact]
    public void Parse_X86CpuInfo_ReadsTheFirstProcessorsModelAndFlags()
    {
        var cpu = CpuFeatures.Parse(Epyc);
        Assert.Equal("AMD EPYC 9R14 96-Core Processor", cpu.ModelName);
        Assert.True(cpu.HasAvx2 && cpu.HasAvx512 && cpu.HasNativeBf16 && cpu.HasVnni);
        Assert.Equal(["AVX2", "AVX-512", "AVX-512 BF16", "AVX-512 VNNI"], cpu.Names);
        Assert.Equal("AMD EPYC 9R14 96-Core Processor (AVX2, AVX-512, AVX-512 BF16, AVX-512 VNNI)", cpu.Describe());
    }

    [Fact]
    public void Parse_Avx2OnlyCpu_HasNeitherBf16NorVnni()
    {
        var cpu = CpuFeatures.Parse(["model name : AMD EPYC 7B12", "flags : sse4_1 avx fma avx2"]);
        Assert.True(cpu.HasAvx2);
        Assert.False(cpu.HasAvx512 || cpu.HasNativeBf16 || cpu.HasVnni);
        Assert.Equal("AMD EPYC 7B12 (AVX2)", cpu.Describe());
    }

    [Theory]
    [InlineData("amx_bf16 amx_int8 amx_tile avx2", true, true)]
    [InlineData("avx2 avx_vnni", false, true)]
    [InlineData("avx2 avx512f avx512_vnni", false, true)]
    [InlineData("avx2 avx512f", false, false)]
    public void NativeBf16AndVnni_FollowTheirFlags(string flags, bool bf16, bool vnni)
    {
        var cpu = CpuFeatures.Parse([$"flags : {flags}"]);
        Assert.Equal(bf16, cpu.HasNativeBf16);
        Assert.Equal(vnni, cpu.HasVnni);
    }

    [Theory]
    [InlineData("AVX2", false, false, false)]
    [InlineData("avx512_core", true, false, false)]
    [InlineData("AVX512_CORE_VNNI", true, false, true)]
    [InlineData("AVX512_CORE_BF16", true, true, true)]
    [InlineData("ALL", true, true, true)]
    [InlineData(null, true, true, true)]
    public void CappedAt_OneDnnLevel_HidesTheFeaturesAboveIt(string? level, bool avx512, bool bf16, bool vnni)
    {
        var cpu = CpuFeatures.Parse(Epyc).CappedAt(level);
        Assert.True(cpu.HasAvx2);
        Assert.Equal(avx512, cpu.HasAvx512);
        Assert.Equal(bf16, cpu.HasNativeBf16);
        Assert.Equal(vnni, cpu.HasVnni);
    }

    [Fact]
    public void Current_ThisMachine_IsReadAndDescribed()
    {
        // Whatever the machine, the description names its model (or says it is unknown) and lists features in brackets.
        var description = CpuFeatures.ForLibTorch.Describe();
        Assert.Matches(@"^.+ \(.+\)$", description);
        if (OperatingSystem.IsLinux() && System.Runtime.Intrinsics.X86.Avx2.IsSupported) Assert.True(CpuFeatures.Machine.HasAvx2);
    }
}
