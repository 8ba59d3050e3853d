using ClassifierToolkit.Pipelines;
using TorchSharp;

namespace ClassifierToolkit.Torch.Devices;

/// <summary>Resolves a <see cref="DeviceKind"/> to a TorchSharp device.</summary>
internal static class TorchDevices
{
    /// <summary>The device for <paramref name="kind"/>.</summary>
    /// <exception cref="InvalidOperationException">CUDA was asked for but is not available.</exception>
    public static torch.Device Resolve(DeviceKind kind) => kind switch
    {
        DeviceKind.Cpu => torch.CPU,
        DeviceKind.Cuda when torch.cuda.is_available() => torch.CUDA,
        DeviceKind.Cuda => throw new InvalidOperationException(
            "CUDA was requested but is not available: this build uses the CPU libtorch package. " +
            "Build with -p:LibTorchPackage=TorchSharp-cuda-linux (or -windows) on a machine with an NVIDIA GPU, or use --device cpu."),
        _ => torch.cuda.is_available() ? torch.CUDA : torch.CPU,
    };
}
