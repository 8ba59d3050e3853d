using System.Globalization;
using Microsoft.ML.OnnxRuntime;
using TorchSharp;

namespace ClassifierToolkit.Cli.Doctor;

/// <summary>What training (TorchSharp) and serving (ONNX Runtime) can run on.</summary>
internal sealed class DevicesCheck(TorchSharpProbe probe) : IDoctorCheck
{
    private const string NotLoaded = "unknown: TorchSharp did not load (see above)";

    public DoctorSection Run()
    {
        var ort = OrtEnv.Instance();
        return new DoctorSection("Devices",
        [
            probe.Loaded
                ? new DoctorFinding("TorchSharp CPU threads", string.Create(CultureInfo.InvariantCulture,
                    $"{torch.get_num_threads()} of {Environment.ProcessorCount} logical cores"))
                : DoctorFinding.Warning("TorchSharp CPU threads", NotLoaded),
            probe.Loaded ? Cuda() : DoctorFinding.Warning("CUDA", NotLoaded),
            new("ONNX Runtime", $"{ort.GetVersionString()}, execution providers: {string.Join(", ", ort.GetAvailableProviders())}"),
        ]);
    }

    private static DoctorFinding Cuda() => torch.cuda.is_available()
        ? DoctorFinding.Ok("CUDA", string.Create(CultureInfo.InvariantCulture, $"available: {torch.cuda.device_count()} device(s); training.device auto uses it"))
        : new DoctorFinding("CUDA", "not available: training runs on the CPU (for an NVIDIA GPU, build or pack ctk with -p:TorchBackend=cuda)");
}
