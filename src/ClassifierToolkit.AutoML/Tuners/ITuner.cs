using ClassifierToolkit.AutoML.Trials;

namespace ClassifierToolkit.AutoML.Tuners;

/// <summary>
/// Proposes configurations (Optuna's sampler, FLAML's searcher). A tuner's whole state is what it was told: a worker
/// builds a fresh tuner for each proposal and tells it every trial in the store in number order (running ones too, so
/// it can avoid proposing what others are already training), which is how a resumed search or a second worker continues
/// exactly. Deterministic for a given space, seed and sequence of told trials.
/// </summary>
internal interface ITuner
{
    /// <summary>Records a trial in any state (running, complete, pruned, failed, cancelled).</summary>
    void Tell(TrialRecord trial);

    /// <summary>The next configuration to try, or null when the space is exhausted (grid).</summary>
    ParameterSet? Ask();
}
