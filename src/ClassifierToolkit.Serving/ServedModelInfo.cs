using ClassifierToolkit.Prediction;

namespace ClassifierToolkit.Serving;

/// <summary>What a pool serves under a name.</summary>
/// <param name="Name">The model's name in the pool.</param>
/// <param name="Identity">Its file, content hash and load time.</param>
/// <param name="ClassNames">Its classes, in score order.</param>
/// <param name="Channels">Channels the network takes (1 grey, 3 RGB).</param>
/// <param name="Height">Height images are resized to.</param>
/// <param name="Width">Width images are resized to.</param>
public sealed record ServedModelInfo(string Name, ModelIdentity Identity, IReadOnlyList<string> ClassNames, int Channels, int Height, int Width);
