namespace ClassifierToolkit.Data;

/// <summary>What checking an image file found out about it.</summary>
/// <param name="Width">Width in pixels.</param>
/// <param name="Height">Height in pixels.</param>
/// <param name="StoredChannels">Channels as stored: 1 (grey), 3 (colour) or 4 (colour with alpha).</param>
/// <param name="LooksGrey">Every pixel has (nearly) equal red, green and blue: a grey picture, whatever the file stores.</param>
internal sealed record ImageFacts(int Width, int Height, int StoredChannels, bool LooksGrey);
