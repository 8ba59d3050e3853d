namespace ClassifierToolkit.Torch.Devices;

/// <summary>Where to train.</summary>
public enum DeviceKind
{
    /// <summary>CUDA when available, else CPU.</summary>
    Auto,
    /// <summary>The CPU.</summary>
    Cpu,
    /// <summary>The first CUDA GPU (needs a CUDA libtorch package, see README).</summary>
    Cuda,
}
