namespace ClassifierToolkit.Tests.Support;

/// <summary>A real <c>ctk serve</c> in its own process on a free loopback port, stopped on dispose.</summary>
internal sealed class CtkServer : HttpAppProcess
{
    public CtkServer(string modelPath, params string[] extraArgs) : this(modelPath, FreePort(), extraArgs)
    {
    }

    private CtkServer(string modelPath, int port, string[] extraArgs) : base(DotnetCommand.StartInfo(
        [Path.Combine(AppContext.BaseDirectory, "ctk.dll"), "serve", modelPath, "--port", port.ToString(), "--host", "127.0.0.1", .. extraArgs]), port, "ctk serve")
    {
    }
}
