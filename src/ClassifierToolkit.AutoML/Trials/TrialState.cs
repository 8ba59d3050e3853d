namespace ClassifierToolkit.AutoML.Trials;

/// <summary>Where a trial stands. Every state but <see cref="Running"/> is final.</summary>
public enum TrialState
{
    /// <summary>A worker is training it.</summary>
    Running,
    /// <summary>Trained all its epochs (or stopped early by its own recipe).</summary>
    Complete,
    /// <summary>Stopped by the pruner; its metrics end at the epoch it reached.</summary>
    Pruned,
    /// <summary>Failed: refused configuration, diverged loss, out of memory or an exception.</summary>
    Failed,
    /// <summary>Stopped by the time budget or by the user (Ctrl+C).</summary>
    Cancelled,
    /// <summary>Its worker stopped sending heartbeats (killed, crashed or cut off); a worker retries its configuration once.</summary>
    Lost,
}
