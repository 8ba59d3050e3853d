namespace ClassifierToolkit.Data.Sources;

/// <summary>What a command asks of a data source.</summary>
/// <param name="Path">The folder a command names (pictures, or the data set's files), or null for the usual places.</param>
/// <param name="Locator">Finds Fashion-MNIST (a command's own, with its warnings), or null.</param>
/// <param name="Strict">Refuse a folder with unusable files instead of skipping them.</param>
/// <param name="Limit">Only the first N pictures, or null for all.</param>
public sealed record DataSourceRequest(string? Path = null, FashionMnistLocator? Locator = null, bool Strict = false, int? Limit = null);
