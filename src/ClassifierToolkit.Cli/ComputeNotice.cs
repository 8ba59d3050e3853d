using System.Collections.Concurrent;
using ClassifierToolkit.Torch.Training;
using ClassifierToolkit.Training;
using Spectre.Console;

namespace ClassifierToolkit.Cli;

/// <summary>
/// Prints what training computes in on this machine, and each compute warning (bf16 asked for on a CPU without it) once
/// per process: a search's trials would otherwise repeat it for every trial.
/// </summary>
internal sealed class ComputeNotice : ITrainingCallback
{
    private static readonly ConcurrentDictionary<string, byte> Shown = new();

    /// <summary>Prints one line (number format, layout, threads and the CPU), then the warnings not printed before.</summary>
    public static void Show(ComputeChoices? compute)
    {
        if (compute is null) return;
        AnsiConsole.WriteLine($"compute: {compute.Precision}, {compute.MemoryFormat}, {compute.Threads} thread(s) on {compute.Cpu}");
        WarnOnce(compute);
    }

    /// <summary>Prints the warnings of <paramref name="compute"/> not printed before in this process.</summary>
    public static void WarnOnce(ComputeChoices? compute)
    {
        foreach (var warning in compute?.Warnings ?? [])
            if (Shown.TryAdd(warning, 0)) AnsiConsole.MarkupLineInterpolated($"[yellow]warning:[/] {warning}");
    }

    /// <inheritdoc />
    public void OnTrainingStart(TrainingStart start) => WarnOnce(start.Compute);
}
