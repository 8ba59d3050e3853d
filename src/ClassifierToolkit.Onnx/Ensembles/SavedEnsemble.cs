namespace ClassifierToolkit.Onnx.Ensembles;

/// <summary>An ensemble written by <see cref="ModelEnsembler.CombineFiles"/>.</summary>
/// <param name="Members">The member model files, in the order of <paramref name="Weights"/>.</param>
/// <param name="Weights">Each member's weight, normalized to sum to 1.</param>
/// <param name="HorizontalFlip">Whether each member also scores the image flipped left to right (test-time augmentation).</param>
/// <param name="OutputPath">The ensemble's <c>.zip</c> (full path).</param>
/// <param name="SizeBytes">Its size.</param>
public sealed record SavedEnsemble(IReadOnlyList<string> Members, IReadOnlyList<double> Weights, bool HorizontalFlip, string OutputPath, long SizeBytes);
