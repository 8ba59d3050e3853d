using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ClassifierToolkit.Tests.Support;

/// <summary>A web app in its own process on a loopback port, ready once it answers <c>GET /health</c>, stopped on dispose.</summary>
internal class HttpAppProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringWriter _log = new();

    /// <param name="start">Starts the app listening on 127.0.0.1:<paramref name="port"/>.</param>
    /// <param name="port">Its port, e.g. <see cref="FreePort"/>.</param>
    /// <param name="name">How failures name it.</param>
    public HttpAppProcess(ProcessStartInfo start, int port, string name)
    {
        Port = port;
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => { lock (_log) _log.WriteLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { lock (_log) _log.WriteLine(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{Port}"), Timeout = TimeSpan.FromSeconds(30) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            if (_process.HasExited) throw new InvalidOperationException($"{name} exited with {_process.ExitCode}:\n{Log}");
            try
            {
                if (Client.GetAsync("/health").Result.IsSuccessStatusCode) break;
            }
            catch (AggregateException) { }
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{name} did not answer /health in 60 s:\n{Log}");
            Thread.Sleep(200);
        }
    }

    public int Port { get; }
    public HttpClient Client { get; }
    public string Url => $"http://127.0.0.1:{Port}/";
    public string Log { get { lock (_log) return _log.ToString(); } }

    public void Dispose()
    {
        Client.Dispose();
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
        _process.Dispose();
    }

    /// <summary>A loopback port nothing listens on now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
