namespace ClassifierToolkit.Serving.Http;

/// <summary>The answer to <c>GET /model</c>: which model is served now (its file, content hash, load time), its classes
/// and input size.</summary>
/// <param name="Name">The model's name in the pool.</param>
/// <param name="Path">The full path of its <c>.zip</c>.</param>
/// <param name="Sha256">The SHA-256 of the loaded bytes (lower-case hex).</param>
/// <param name="SizeBytes">Their length.</param>
/// <param name="LoadedUtc">When it was loaded (a replaced file loads again).</param>
/// <param name="Classes">Its classes, in score order.</param>
/// <param name="Channels">Channels the network takes (1 grey, 3 RGB).</param>
/// <param name="Height">Height images are resized to.</param>
/// <param name="Width">Width images are resized to.</param>
public sealed record ModelResponse(string Name, string Path, string Sha256, long SizeBytes, DateTime LoadedUtc, IReadOnlyList<string> Classes,
    int Channels, int Height, int Width)
{
    internal static ModelResponse From(ServedModelInfo info) => new(info.Name, info.Identity.Path, info.Identity.Sha256, info.Identity.SizeBytes,
        info.Identity.LoadedUtc, info.ClassNames, info.Channels, info.Height, info.Width);
}
