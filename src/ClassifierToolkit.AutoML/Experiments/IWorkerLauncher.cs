namespace ClassifierToolkit.AutoML.Experiments;

/// <summary>
/// Starts worker processes on this machine for a study (TorchSharp's threads and random state are process-wide, so
/// parallel trials need processes). The console implements it by starting <c>ctk automl worker</c>.
/// </summary>
public interface IWorkerLauncher
{
    /// <summary>Runs <paramref name="count"/> workers, each with <paramref name="threadsEach"/> compute threads, until all have exited.</summary>
    /// <param name="count">Worker processes to start.</param>
    /// <param name="threadsEach">Compute threads per worker (the cores split between them).</param>
    /// <param name="storage">The store every worker opens.</param>
    /// <param name="study">The study they work on.</param>
    /// <param name="outputFolder">Where their trials' run folders go.</param>
    /// <param name="cancellationToken">Workers are stopped through the study's stop flag; this only abandons waiting.</param>
    Task RunAsync(int count, int threadsEach, string storage, string study, string outputFolder, CancellationToken cancellationToken);
}
