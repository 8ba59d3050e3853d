namespace ClassifierToolkit.Prediction;

/// <summary>Which model file is being served: where it was read, its content hash, and when it was loaded.</summary>
/// <param name="Path">The full path of the <c>.zip</c>.</param>
/// <param name="Sha256">The SHA-256 of the bytes that were loaded (lower-case hex).</param>
/// <param name="SizeBytes">Their length.</param>
/// <param name="LoadedUtc">When loading finished.</param>
public sealed record ModelIdentity(string Path, string Sha256, long SizeBytes, DateTime LoadedUtc);
