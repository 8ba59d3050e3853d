namespace ClassifierToolkit.Cli.Ui.NewModels;

/// <summary>A background <c>ctk new</c> as the page sees it (<c>GET /api/new/job</c>); paths relative to the root.</summary>
/// <param name="ElapsedSeconds">Time since it started (until it ended).</param>
/// <param name="TrainSeconds">The time it was given: <c>ctk new</c> ends within it, so the two make a progress bar.</param>
/// <param name="Lines">The last lines it printed.</param>
/// <param name="Error">Why it failed (its last error line), or null.</param>
/// <param name="Run">Its output folder once it succeeded (the run page's and the projects' id), else null.</param>
internal sealed record NewJobView(string Id, string Name, string Data, string? TestData, string TrainTime, string Weights, string Output,
    string State, DateTime StartedUtc, double ElapsedSeconds, double TrainSeconds, string Phase, int TrialsStarted, int TrialsFinished,
    int Epochs, double? BestValAccuracy, IReadOnlyList<string> Lines, int? ExitCode, string? Error, string? Run);
