using ClassifierToolkit.AutoML.Selection;
using ClassifierToolkit.Pipelines;

namespace ClassifierToolkit.AutoML.Experiments;

/// <summary>Settings of a search (plain data; the trainer, progress and cancellation are passed to <see cref="ImageSearchExperiment.RunAsync"/>).</summary>
public sealed record ExperimentOptions
{
    /// <summary>Default values, shared by the console and C#.</summary>
    public static class Defaults
    {
        /// <summary>The tuner.</summary>
        public const string Tuner = "cfo";
        /// <summary>The pruner.</summary>
        public const string Pruner = "asha";
        /// <summary>Trials are ranked by this validation metric.</summary>
        public const MonitoredMetric Objective = MonitoredMetric.ValAccuracy;
        /// <summary>How often a running trial tells the store it is alive.</summary>
        public static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(10);
        /// <summary>A running trial whose heartbeat is older than this is lost (its worker died).</summary>
        public static readonly TimeSpan HeartbeatTimeout = TimeSpan.FromSeconds(90);
        /// <summary>Refit the best configuration on training + validation data when it is safe and fits the time budget.</summary>
        public const bool Refit = true;
        /// <summary>At most this many trials' models are averaged in the exported ensemble (greedy selection on validation may use fewer).</summary>
        public const int MaxEnsembleMembers = 5;
        /// <summary>With a time budget, this share of it is kept for what follows the search (model selection, the test), plus
        /// <see cref="RefitShare"/> when the refit is on: the search's trials stop at the rest.</summary>
        public const double FinishShare = 0.05;
        /// <summary>The share of a time budget kept for the refit when it is on and the budget is at least <see cref="RefitShareFrom"/>.</summary>
        public const double RefitShare = 0.25;
        /// <summary>Shorter budgets keep no share for the refit: their trials are seconds long, dominated by fixed costs, and would
        /// not fit a shortened search (they refit only when the search ends early).</summary>
        public static readonly TimeSpan RefitShareFrom = TimeSpan.FromMinutes(5);
        /// <summary>Try the built-in portfolio's known-good recipes that fit the search space before the tuner's proposals.</summary>
        public const bool Portfolio = true;
    }

    /// <summary>The search file: a pipeline with a <c>search</c> section.</summary>
    public required string SearchFile { get; init; }
    /// <summary>Where best.zip, the reports, the trials' run folders and (by default) experiment.db go.</summary>
    public required string OutputFolder { get; init; }
    /// <summary>A SQLite file path or a PostgreSQL connection string; null for <c>OutputFolder/experiment.db</c>.</summary>
    public string? Storage { get; init; }
    /// <summary>The study's name in the store; null for the search file's pipeline name.</summary>
    public string? StudyName { get; init; }
    /// <summary><c>grid</c>, <c>random</c>, <c>cfo</c> or <c>tpe</c>.</summary>
    public string Tuner { get; init; } = Defaults.Tuner;
    /// <summary><c>asha</c>, <c>median</c> or <c>none</c>.</summary>
    public string Pruner { get; init; } = Defaults.Pruner;
    /// <summary>Seeds the tuner.</summary>
    public int Seed { get; init; } = 1;
    /// <summary>The validation metric trials are ranked by.</summary>
    public MonitoredMetric Objective { get; init; } = Defaults.Objective;
    /// <summary>Stop starting trials and cancel running ones after this long; null for no limit.</summary>
    public TimeSpan? TimeBudget { get; init; }
    /// <summary>Start no more than this many trials in the study; null for no limit.</summary>
    public int? MaxTrials { get; init; }
    /// <summary>Stop once a complete trial reaches this value of <see cref="Objective"/>; null for none.</summary>
    public double? Target { get; init; }
    /// <summary>Worker processes on this machine (1 runs trials in this process).</summary>
    public int Concurrency { get; init; } = 1;
    /// <summary>Continue the study found in the storage instead of refusing to reuse its name.</summary>
    public bool Resume { get; init; }
    /// <summary>Overrides applied to the search file's base pipeline (e.g. <c>training.epochs</c>, <c>data.trainLimit</c>).</summary>
    public PipelineOverrides BaseOverrides { get; init; } = PipelineOverrides.None;
    /// <summary>
    /// After the search, train the best configuration once more on training + validation data for its best epoch count and
    /// export and test that model. Skipped (saying why) when the test set is the validation split (a folder without a test
    /// folder), when there is no validation split, or when its estimated time does not fit what is left of <see cref="TimeBudget"/>.
    /// </summary>
    public bool Refit { get; init; } = Defaults.Refit;
    /// <summary>
    /// After the search, average up to this many of the best trials' models in one ONNX graph, with weights chosen on validation
    /// by greedy ensemble selection (which may keep fewer, or one); 1 exports a single model.
    /// </summary>
    public int MaxEnsembleMembers { get; init; } = Defaults.MaxEnsembleMembers;
    /// <summary>Also average each picture with its horizontal mirror image inside the exported graph (test-time augmentation; twice the
    /// scoring time). Suits data where a mirrored picture is the same class, as in Fashion-MNIST; the report measures what it gives.</summary>
    public bool TestTimeFlip { get; init; }
    /// <summary>Which of the measured models is exported: the most accurate on validation, or the most accurate within a latency limit.</summary>
    public ModelObjective ModelObjective { get; init; } = ModelObjective.Accuracy;
    /// <summary>
    /// A new study first tries the built-in portfolio's known-good recipes that fit its search space (projected onto it, cheapest good
    /// one first), then searches around the best of them. A resumed study keeps what it was created with.
    /// </summary>
    public bool Portfolio { get; init; } = Defaults.Portfolio;
    /// <summary>
    /// An earlier study to start from: a SQLite file, a PostgreSQL connection string, or an earlier output folder holding experiment.db;
    /// null for none. When the new study is created, the earlier study's best complete trials (up to five) seed it: taken in with their
    /// models as complete trials when both studies use the same data and input sections and objective, otherwise run again first.
    /// </summary>
    public string? WarmStart { get; init; }
    /// <summary>The study in <see cref="WarmStart"/>'s store; null for its only study, or else the one named like this study.</summary>
    public string? WarmStartStudy { get; init; }
    /// <summary>How often a running trial tells the store it is alive.</summary>
    public TimeSpan HeartbeatInterval { get; init; } = Defaults.HeartbeatInterval;
    /// <summary>A running trial whose heartbeat is older than this is marked lost.</summary>
    public TimeSpan HeartbeatTimeout { get; init; } = Defaults.HeartbeatTimeout;

    /// <summary>The part of a time budget a study's trials may use: the rest is kept for the model selection and the test, and for
    /// the refit when one can follow (see <see cref="Defaults.FinishShare"/>). Whoever sizes a trial to the time sizes it to this.</summary>
    internal static TimeSpan TrialShare(TimeSpan budget, bool refit, TimeSpan? refitShareFrom = null) =>
        budget * (1 - Defaults.FinishShare - (refit && budget >= (refitShareFrom ?? Defaults.RefitShareFrom) ? Defaults.RefitShare : 0));

    /// <summary><see cref="Defaults.RefitShareFrom"/>, which tests lower to see the share kept in seconds-long searches.</summary>
    internal TimeSpan RefitShareFrom { get; init; } = Defaults.RefitShareFrom;

    /// <summary>Checks the values.</summary>
    /// <exception cref="ArgumentException">A value is out of range; the message names it and the allowed values.</exception>
    public void Validate()
    {
        if (!Tuners.TunerFactory.Names.Contains(Tuner)) throw new ArgumentException($"Unknown tuner '{Tuner}'. Known tuners: {string.Join(", ", Tuners.TunerFactory.Names)}.");
        if (!Pruning.PrunerFactory.Names.Contains(Pruner)) throw new ArgumentException($"Unknown pruner '{Pruner}'. Known pruners: {string.Join(", ", Pruning.PrunerFactory.Names)}.");
        if (TimeBudget is { } budget && budget <= TimeSpan.Zero) throw new ArgumentException($"The time budget must be positive; got {budget}.");
        if (MaxTrials is < 1) throw new ArgumentException($"The trial budget must be at least 1; got {MaxTrials}.");
        if (Concurrency < 1) throw new ArgumentException($"Concurrency must be at least 1; got {Concurrency}.");
        if (MaxEnsembleMembers < 1) throw new ArgumentException($"An ensemble needs at least 1 member (1 exports a single model); got {MaxEnsembleMembers}.");
        ArgumentNullException.ThrowIfNull(ModelObjective);
        if (WarmStartStudy is not null && WarmStart is null) throw new ArgumentException($"A warm start study ('{WarmStartStudy}') needs a warm start store or folder to read it from.");
        if (HeartbeatTimeout <= HeartbeatInterval) throw new ArgumentException($"The heartbeat timeout ({HeartbeatTimeout}) must be longer than the interval ({HeartbeatInterval}).");
    }
}
