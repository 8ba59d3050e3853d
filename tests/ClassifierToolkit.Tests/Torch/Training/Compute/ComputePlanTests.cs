using ClassifierToolkit.Hardware;
using ClassifierToolkit.Pipelines;
using ClassifierToolkit.Torch.Training.Compute;

namespace ClassifierToolkit.Tests.Torch.Training.Compute;

public class ComputePlanTests
{
    private static readonly CpuFeatures Bf16Cpu = CpuFeatures.Parse(["model name : EPYC Genoa", "flags : avx2 avx512f avx512_bf16 avx512_vnni"]);
    private static readonly CpuFeatures Avx2Cpu = CpuFeatures.Parse(["model name : EPYC Rome", "flags : avx2 fma"]);

    private static ComputePlan Plan(PrecisionKind precision, CpuFeatures cpu, bool canTwin = true, bool onCpu = true,
        MemoryFormatKind format = MemoryFormatKind.Auto, bool convolutional = true) =>
        ComputePlan.For(new TrainingSpec { Precision = precision, MemoryFormat = format }, canTwin, convolutional, onCpu, cpu, threads: 2);

    [Fact]
    public void Auto_CpuWithNativeBf16_TrainsInBf16WithoutWarning()
    {
        var plan = Plan(PrecisionKind.Auto, Bf16Cpu);
        Assert.Equal(PrecisionKind.Bf16, plan.Precision);
        Assert.Equal("bf16", plan.Choices.Precision);
        Assert.Empty(plan.Choices.Warnings);
        Assert.Contains(plan.Choices.Reasons, r => r.Contains("natively"));
    }

    [Fact]
    public void Auto_Avx2OnlyCpu_TrainsInFp32SayingWhy()
    {
        var plan = Plan(PrecisionKind.Auto, Avx2Cpu);
        Assert.Equal(PrecisionKind.Fp32, plan.Precision);
        Assert.Empty(plan.Choices.Warnings);
        Assert.Contains(plan.Choices.Reasons, r => r.Contains("no native bf16"));
        Assert.Equal("EPYC Rome (AVX2)", plan.Choices.Cpu);
        Assert.Equal(["AVX2"], plan.Choices.CpuFeatures);
    }

    [Fact]
    public void Bf16_Avx2OnlyCpu_StillBf16ButWarnsNamingTheMissingInstructionsTheCostAndTheFix()
    {
        var plan = Plan(PrecisionKind.Bf16, Avx2Cpu);
        Assert.Equal(PrecisionKind.Bf16, plan.Precision);
        var warning = Assert.Single(plan.Choices.Warnings);
        Assert.Contains("EPYC Rome (AVX2)", warning);
        Assert.Contains("AVX-512 BF16", warning);
        Assert.Contains("AMX", warning);
        Assert.Contains("slower than fp32", warning);
        Assert.Contains("\"precision\": \"auto\"", warning);
        Assert.Empty(Plan(PrecisionKind.Bf16, Bf16Cpu).Choices.Warnings);
    }

    [Fact]
    public void Auto_OnAGpuOrForAModelWithoutATwin_TrainsInFp32()
    {
        Assert.Equal(PrecisionKind.Fp32, Plan(PrecisionKind.Auto, Bf16Cpu, onCpu: false).Precision);
        Assert.Equal(PrecisionKind.Fp32, Plan(PrecisionKind.Auto, Bf16Cpu, canTwin: false).Precision);
        // Explicit bf16 on a GPU is the GPU's business, not the CPU's: no CPU warning.
        Assert.Empty(Plan(PrecisionKind.Bf16, Avx2Cpu, onCpu: false).Choices.Warnings);
    }

    [Fact]
    public void Fp32_AnyCpu_IsFp32()
    {
        Assert.Equal(PrecisionKind.Fp32, Plan(PrecisionKind.Fp32, Bf16Cpu).Precision);
        Assert.Equal(PrecisionKind.Fp32, Plan(PrecisionKind.Fp32, Avx2Cpu).Precision);
    }

    [Theory]
    [InlineData(MemoryFormatKind.Auto, true, true, "channels-last")]
    [InlineData(MemoryFormatKind.Auto, false, false, "nchw")]
    [InlineData(MemoryFormatKind.Nchw, true, false, "nchw")]
    [InlineData(MemoryFormatKind.ChannelsLast, false, true, "channels-last")]
    public void MemoryFormat_FollowsTheRecipeAndAutoTheModel(MemoryFormatKind format, bool convolutional, bool channelsLast, string recorded)
    {
        var plan = Plan(PrecisionKind.Fp32, Avx2Cpu, format: format, convolutional: convolutional);
        Assert.Equal(channelsLast, plan.ChannelsLast);
        Assert.Equal(recorded, plan.Choices.MemoryFormat);
        Assert.Equal(2, plan.Choices.Threads);
    }
}
