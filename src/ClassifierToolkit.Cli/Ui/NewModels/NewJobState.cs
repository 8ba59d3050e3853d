namespace ClassifierToolkit.Cli.Ui.NewModels;

/// <summary>Where a background <c>ctk new</c> is: running, or how it ended.</summary>
internal enum NewJobState
{
    Running,
    Succeeded,
    Failed,
    Cancelled,
}
