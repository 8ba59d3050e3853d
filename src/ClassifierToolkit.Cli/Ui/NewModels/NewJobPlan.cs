namespace ClassifierToolkit.Cli.Ui.NewModels;

/// <summary>A checked <see cref="NewModelRequest"/>: what the background <c>ctk new</c> is started with (full paths).</summary>
internal sealed record NewJobPlan(string Name, string Data, string? TestData, string TrainTimeText, TimeSpan TrainTime, string Weights, string Output)
{
    /// <summary>The <c>ctk new</c> command line.</summary>
    public IReadOnlyList<string> Arguments =>
    [
        "new", "--scenario", New.NewSettings.ImageClassification, "--data", Data, .. TestData is null ? Array.Empty<string>() : ["--test-data", TestData],
        "--train-time", TrainTimeText, "--weights", Weights, "--name", Name, "--output", Output,
    ];
}
