namespace ClassifierToolkit.Torch.Models.Registry;

/// <summary>One registered model: its name, a one-line description, what it expects of its input, and its factory.</summary>
/// <param name="Name">The registered name (never an alias).</param>
/// <param name="Description">One line for <c>ctk models</c>.</param>
/// <param name="Card">Input size, channels and normalization the model expects; <see cref="ModelCard.Any"/> when it has no preference.</param>
/// <param name="Factory">Builds the model.</param>
public sealed record ModelEntry(string Name, string Description, ModelCard Card, Func<ModelOptions, ImageClassifierModule> Factory);
