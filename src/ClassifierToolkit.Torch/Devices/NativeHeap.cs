using System.Runtime.InteropServices;

namespace ClassifierToolkit.Torch.Devices;

/// <summary>
/// Keeps libtorch's CPU tensors in glibc's heap while training. In a .NET process glibc hands every allocation above
/// 128 KB (each activation, gradient and temporary of a batch) a fresh <c>mmap</c> and unmaps it when freed, so every
/// batch page-faults its whole working set back in (ResNet-20 at batch 128: ~300 page faults per image, where PyTorch's
/// process keeps that memory; a <c>ctk train</c> epoch ran 1.27–1.41× slower than with it kept). Raising glibc's mmap threshold to its ceiling (32 MB) and
/// its trim threshold keeps the freed buffers for the next batch. A thread other than the main one allocates from its
/// own arena of 64 MB heaps, and glibc unmaps a heap once it is empty whatever the trim threshold: a top pad of a whole
/// heap keeps those too. <see cref="ReturnFreeMemory"/> gives the memory back after training.
/// </summary>
/// <remarks>
/// Linux with glibc only; elsewhere, or when the user set glibc's malloc variables, nothing changes.
/// The settings last for the process: <c>mallopt</c> offers no way to read the previous values back.
/// </remarks>
internal static class NativeHeap
{
    // mallopt's parameter numbers (malloc.h).
    private const int TrimThresholdParameter = -1;
    private const int TopPadParameter = -2;
    private const int MmapThresholdParameter = -3;
    // glibc's ceiling for M_MMAP_THRESHOLD on 64-bit: larger requests are mmap'd whatever the setting.
    private const int LargestHeapAllocation = 32 << 20;
    // Free memory kept at the heap's top before glibc returns it: above any batch's working set here (it was freed by
    // the batch before and is wanted by the next).
    private const int KeptFreeMemory = 1 << 30;
    // glibc's heap size for threads' arenas (HEAP_MAX_SIZE on 64-bit): an empty heap is kept if the pad asks for as much.
    private const int ThreadHeapSize = 64 << 20;

    private static int s_state; // 0 untried, 1 applied, 2 not applicable

    /// <summary>Whether glibc is keeping tensor memory (set by the first <see cref="KeepTensorMemory"/> on glibc).</summary>
    public static bool IsKeepingTensorMemory => Volatile.Read(ref s_state) == 1;

    /// <summary>Keeps freed tensor buffers in the heap for reuse; called when training starts. Idempotent, thread-safe.</summary>
    public static void KeepTensorMemory()
    {
        if (Volatile.Read(ref s_state) != 0) return;
        int state = TryKeep() ? 1 : 2;
        Interlocked.CompareExchange(ref s_state, state, 0);
    }

    /// <summary>Returns free heap memory to the system; called when training ends, so an idle process stays small.</summary>
    public static void ReturnFreeMemory()
    {
        if (!IsKeepingTensorMemory) return;
        malloc_trim(0);
    }

    private static bool TryKeep()
    {
        if (!OperatingSystem.IsLinux() || UserTunedMalloc()) return false;
        try
        {
            return mallopt(MmapThresholdParameter, LargestHeapAllocation) == 1 && mallopt(TrimThresholdParameter, KeptFreeMemory) == 1 &&
                mallopt(TopPadParameter, ThreadHeapSize) == 1;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false; // not glibc (musl, for one): its allocator has no such settings
        }
    }

    private static bool UserTunedMalloc() =>
        Environment.GetEnvironmentVariable("MALLOC_MMAP_THRESHOLD_") is not null ||
        Environment.GetEnvironmentVariable("MALLOC_TRIM_THRESHOLD_") is not null ||
        Environment.GetEnvironmentVariable("MALLOC_TOP_PAD_") is not null ||
        Environment.GetEnvironmentVariable("GLIBC_TUNABLES") is { } tunables &&
            new[] { "mmap_threshold", "trim_threshold", "top_pad" }.Any(name => tunables.Contains("glibc.malloc." + name, StringComparison.Ordinal));

    [DllImport("libc.so.6")]
    private static extern int mallopt(int parameter, int value);

    [DllImport("libc.so.6")]
    private static extern int malloc_trim(nuint pad);
}
