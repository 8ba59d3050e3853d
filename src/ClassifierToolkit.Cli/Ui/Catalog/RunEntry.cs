namespace ClassifierToolkit.Cli.Ui.Catalog;

/// <summary>A run folder as the list shows it: one that holds a <c>metrics.json</c> (finished) or a training checkpoint without one (stopped or still running).</summary>
/// <param name="Id">The folder relative to the root, forward slashes: how every run request names it.</param>
/// <param name="Kind">train, automl, new, compare or evaluate: which command made it, judged by what it wrote.</param>
/// <param name="State">finished, or incomplete (a checkpoint but no metrics yet).</param>
/// <param name="Accuracy">Test accuracy from <c>metrics.json</c>; null when incomplete.</param>
/// <param name="Model">The model <c>.zip</c> relative to the root, or null.</param>
internal sealed record RunEntry(string Id, string Name, string Kind, string State, DateTime ModifiedUtc, double? Accuracy, string? Model, string? DataNote);
