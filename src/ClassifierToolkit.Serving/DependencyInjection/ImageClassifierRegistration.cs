namespace ClassifierToolkit.Serving.DependencyInjection;

/// <summary>A model the DI-registered <see cref="ImageClassifierPool"/> loads when it is first resolved.</summary>
/// <param name="Name">The model's name in the pool.</param>
/// <param name="Path">The classifier <c>.zip</c>.</param>
/// <param name="WatchForChanges">Reload the file when it is replaced.</param>
public sealed record ImageClassifierRegistration(string Name, string Path, bool WatchForChanges);
