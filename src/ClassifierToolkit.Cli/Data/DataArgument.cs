using ClassifierToolkit.Data.Sources;

namespace ClassifierToolkit.Cli.Data;

/// <summary>
/// A command's data argument (<c>ctk evaluate --data</c>, <c>ctk quantize --calibration</c>): a data source's name or a
/// folder of pictures, with <c>--data-dir</c> and the console's warning when the bundled sample stands in for a data set.
/// </summary>
internal static class DataArgument
{
    public static (IImageDataSource Source, DataSourceRequest Request) Resolve(string data, string? dataDir, bool strict = false, int? limit = null)
    {
        var (source, path) = ImageDataSources.ForArgument(data);
        var locator = source.PathIsDataDirectory ? SampleDataWarning.CreateLocator(dataDir) : null;
        return (source, new DataSourceRequest(path, locator, strict, limit));
    }
}
