
namespace ClassifierToolkit.Tests.Support;

/// <summary>A real <c>ctk ui</c> in its own process on a free loopback port, showing <paramref name="root"/>, stopped on dispose.</summary>
internal sealed class CtkUi : HttpAppProcess
{
    public CtkUi(string root, params string[] extraArgs) : this(root, FreePort(), extraArgs)
    {
    }

    private CtkUi(string root, int port, string[] extraArgs) : base(DotnetCommand.StartInfo(
        [Path.Combine(AppContext.BaseDirectory, "ctk.dll"), "ui", "--root", root, "--port", port.ToString(), .. extraArgs.Contains("--host") ? extraArgs : ["--host", "127.0.0.1", .. extraArgs]]), port, "ctk ui")
    {
        Root = root;
    }

    public string Root { get; }
}
