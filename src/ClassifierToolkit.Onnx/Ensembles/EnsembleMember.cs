namespace ClassifierToolkit.Onnx.Ensembles;

/// <summary>One network of an ensemble: its ONNX bytes, a name for errors and metadata (the file name), and its weight
/// (normalized: the members' weights sum to 1).</summary>
internal sealed record EnsembleMember(string Name, byte[] Network, double Weight);
