using ClassifierToolkit.Hardware;
using ClassifierToolkit.Pipelines;
using ClassifierToolkit.Torch.Models;
using ClassifierToolkit.Training;
using static TorchSharp.torch;

namespace ClassifierToolkit.Torch.Training.Compute;

/// <summary>
/// The one rule that turns a recipe's <c>precision</c> and <c>memoryFormat</c> into what the passes run in on this machine,
/// with the reasons and warnings a run records (<see cref="ComputeChoices"/>). <c>ctk train</c>, <c>ctk automl</c> and
/// <c>ctk new</c> all train through it.
/// </summary>
/// <param name="Precision">Fp32 or Bf16, never Auto.</param>
/// <param name="ChannelsLast">Whether batches are laid out channels-last.</param>
/// <param name="Choices">What was chosen and why, for the run's records.</param>
internal sealed record ComputePlan(PrecisionKind Precision, bool ChannelsLast, ComputeChoices Choices)
{
    /// <summary>How much slower than fp32 the seed CNN trained in emulated bf16 on an AVX2-only EPYC (399 s against 17 s an epoch).</summary>
    public const int EmulatedBf16Slowdown = 23;

    /// <summary>The plan for <paramref name="model"/> on <paramref name="device"/>, this machine's CPU deciding what auto means.</summary>
    public static ComputePlan For(TrainingSpec recipe, ImageClassifierModule model, Device device) =>
        For(recipe, model.TwinFactory is not null, model.TrainsFasterChannelsLast, device.type == TorchSharp.DeviceType.CPU, CpuFeatures.ForLibTorch, get_num_threads());

    /// <summary>The plan on a given CPU (tests pass one). <paramref name="canTwin"/>: the model can be rebuilt in bf16 (registry models);
    /// <paramref name="convolutional"/>: it trains faster channels-last; <paramref name="onCpu"/>: the passes run on the CPU.</summary>
    public static ComputePlan For(TrainingSpec recipe, bool canTwin, bool convolutional, bool onCpu, CpuFeatures cpu, int threads)
    {
        var reasons = new List<string>();
        var warnings = new List<string>();
        var precision = recipe.Precision switch
        {
            PrecisionKind.Fp32 => Chosen(PrecisionKind.Fp32, "precision fp32, as the recipe says"),
            PrecisionKind.Bf16 => ExplicitBf16(),
            _ when !onCpu => Chosen(PrecisionKind.Fp32, "precision auto: fp32 on a GPU"),
            _ when !cpu.HasNativeBf16 => Chosen(PrecisionKind.Fp32, "precision auto: fp32, as the CPU has no native bf16 (AVX-512 BF16 or AMX)"),
            _ when !canTwin => Chosen(PrecisionKind.Fp32, "precision auto: fp32, as the model was not built by the model registry (bf16 trains in a registry-built twin)"),
            _ => Chosen(PrecisionKind.Bf16, "precision auto: bf16, as the CPU computes it natively"),
        };
        bool channelsLast = recipe.MemoryFormat switch
        {
            MemoryFormatKind.ChannelsLast => Reason(true, "memory format channels-last, as the recipe says"),
            MemoryFormatKind.Nchw => Reason(false, "memory format nchw, as the recipe says"),
            _ when convolutional => Reason(true, "memory format auto: channels-last, as oneDNN convolves it without reordering"),
            _ => Reason(false, "memory format auto: nchw, as the model is not convolutional"),
        };
        reasons.Add($"{threads} compute thread{(threads == 1 ? "" : "s")}");
        var choices = new ComputeChoices
        {
            Cpu = cpu.Describe(),
            CpuFeatures = cpu.Names,
            Precision = precision == PrecisionKind.Bf16 ? "bf16" : "fp32",
            MemoryFormat = channelsLast ? "channels-last" : "nchw",
            Threads = threads,
            Reasons = reasons,
            Warnings = warnings,
        };
        return new ComputePlan(precision, channelsLast, choices);

        PrecisionKind Chosen(PrecisionKind kind, string why)
        {
            reasons.Add(why);
            return kind;
        }

        bool Reason(bool value, string why)
        {
            reasons.Add(why);
            return value;
        }

        PrecisionKind ExplicitBf16()
        {
            if (onCpu && !cpu.HasNativeBf16)
                warnings.Add($"training.precision is bf16, but this CPU, {cpu.Describe()}, has neither AVX-512 BF16 nor AMX, so libtorch emulates " +
                    $"bf16: expect training several times slower than fp32 (the seed CNN: {EmulatedBf16Slowdown}x on an AVX2-only EPYC). " +
                    "Set \"precision\": \"auto\" (or pass --set training.precision=auto) to train in fp32 here and in bf16 where the CPU has it.");
            return Chosen(PrecisionKind.Bf16, "precision bf16, as the recipe says");
        }
    }
}
