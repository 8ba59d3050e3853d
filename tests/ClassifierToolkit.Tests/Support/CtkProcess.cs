namespace ClassifierToolkit.Tests.Support;

/// <summary>Runs the real <c>ctk</c> console (built next to the tests) as a child process.</summary>
internal static class CtkProcess
{
    public static DotnetCommand.Result Run(params string[] args) => Run(args, []);

    public static DotnetCommand.Result Run(string[] args, Dictionary<string, string> environment)
    {
        var settings = new Dictionary<string, string>
        {
            ["CTK_DATA_DIR"] = Path.Combine(TestPaths.NewTempFolder(), "no-data"),
            ["CTK_CACHE_DIR"] = Path.Combine(TestPaths.NewTempFolder(), "cache"),
        };
        foreach (var (name, value) in environment) settings[name] = value;
        return DotnetCommand.Run([Path.Combine(AppContext.BaseDirectory, "ctk.dll"), .. args], TimeSpan.FromMinutes(3), settings);
    }
}
