using ClassifierToolkit.Data;

namespace ClassifierToolkit.Tests.Support;

/// <summary>Runs the real <c>ctk</c> console (built next to the tests) as a child process.</summary>
internal static class CtkProcess
{
    /// <summary>A URL nothing listens on (the discard port), so a connection is refused at once.</summary>
    public const string ClosedPortUrl = "http://127.0.0.1:9/";

    public static DotnetCommand.Result Run(params string[] args) => Run(args, []);

    /// <summary>Runs <c>ctk</c> with <paramref name="args"/>; <paramref name="appFolder"/> is where ctk.dll is (default: beside the tests).</summary>
    public static DotnetCommand.Result Run(string[] args, Dictionary<string, string> environment, string? appFolder = null) =>
        DotnetCommand.Run([Path.Combine(appFolder ?? AppContext.BaseDirectory, "ctk.dll"), .. args], TimeSpan.FromMinutes(3), Settings(environment));

    /// <summary>The environment every ctk of the tests runs in: a fresh data and cache folder, and no downloads; then
    /// <paramref name="environment"/>.</summary>
    public static Dictionary<string, string> Settings(Dictionary<string, string> environment)
    {
        var settings = new Dictionary<string, string>
        {
            ["CTK_DATA_DIR"] = Path.Combine(TestPaths.NewTempFolder(), "no-data"),
            ["CTK_CACHE_DIR"] = Path.Combine(TestPaths.NewTempFolder(), "cache"),
            // Tests never download: a mirror on a closed local port refuses at once.
            ["CTK_FASHION_MNIST_MIRROR"] = ClosedPortUrl,
        };
        foreach (var (name, value) in environment) settings[name] = value;
        return settings;
    }

    /// <summary>A machine with neither Fashion-MNIST (no data folder, no Debian copy) nor a network: ctk falls back to the
    /// sample it carries.</summary>
    public static Dictionary<string, string> NoDataNoNetwork(string folder) => new()
    {
        ["CTK_DATA_DIR"] = Path.Combine(folder, "empty-data-dir"),
        [FashionMnistLocator.SystemFolderVariable] = Path.Combine(folder, "no-system-copy"),
        [FashionMnistLocator.MirrorVariable] = ClosedPortUrl,
    };
}
