using System.Diagnostics;
using System.Text.RegularExpressions;

namespace ClassifierToolkit.Cli.Ui.NewModels;

/// <summary>
/// One <c>ctk new</c> started from the page, run as a child process of this ctk so that a crash, or a folder too large for memory,
/// cannot take the page down. Keeps what it prints (colour codes removed) and how far it has come.
/// </summary>
internal sealed partial class NewJob : IDisposable
{
    /// <summary>How long a cancelled run gets to stop on its own (Ctrl+C) before it is killed.</summary>
    public static readonly TimeSpan CancelGrace = TimeSpan.FromSeconds(10);
    private const int KeptLines = 2000;

    private readonly Process _process;
    private readonly Queue<string> _lines = new();
    private readonly NewJobProgress _progress = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Lock _gate = new();
    private string? _lastError;
    private bool _cancelling;

    private NewJob(string id, NewJobPlan plan, string workingFolder)
    {
        Id = id;
        Plan = plan;
        var start = CtkSelf.StartInfo(plan.Arguments);
        start.WorkingDirectory = workingFolder;
        // Plain lines: no colours, no live widgets redrawing in place.
        start.Environment["NO_COLOR"] = "1";
        start.Environment["TERM"] = "dumb";
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => Add(e.Data, error: false);
        _process.ErrorDataReceived += (_, e) => Add(e.Data, error: true);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        Finished = WatchAsync();
    }

    public string Id { get; }
    public NewJobPlan Plan { get; }
    public DateTime StartedUtc { get; } = DateTime.UtcNow;
    public NewJobState State { get; private set; } = NewJobState.Running;
    public int? ExitCode { get; private set; }
    /// <summary>Completes when the process has ended and its output is read.</summary>
    public Task Finished { get; }

    /// <summary>Starts <c>ctk new</c> for <paramref name="plan"/> in <paramref name="workingFolder"/> (where the paths it prints are relative to).</summary>
    public static NewJob Start(string id, NewJobPlan plan, string workingFolder) => new(id, plan, workingFolder);

    /// <summary>Asks the run to stop as Ctrl+C would (it cancels its search and says so), and kills it if it has not ended after
    /// <see cref="CancelGrace"/>. Returns at once: the run is "stopping" until then.</summary>
    public void Cancel()
    {
        lock (_gate)
        {
            if (State != NewJobState.Running || _cancelling) return;
            _cancelling = true;
        }
        Add("Cancelling: asked to stop from the page.", error: false);
        _ = StopAsync();
    }

    private async Task StopAsync()
    {
        if (!OperatingSystem.IsWindows() && Terminate()) await Task.WhenAny(Finished, Task.Delay(CancelGrace));
        Kill();
    }

    /// <summary>What the page shows: the state, the progress and the last <paramref name="lines"/> lines printed.</summary>
    public NewJobView View(UiRoot root, int lines)
    {
        lock (_gate)
        {
            return new NewJobView(Id, Plan.Name, root.Relative(Plan.Data), Plan.TestData is null ? null : root.Relative(Plan.TestData), Plan.TrainTimeText,
                Plan.Weights.Contains(Path.DirectorySeparatorChar) ? root.Relative(Plan.Weights) : Plan.Weights, root.Relative(Plan.Output),
                State == NewJobState.Running && _cancelling ? "stopping" : State.ToString().ToLowerInvariant(), StartedUtc, _clock.Elapsed.TotalSeconds, Plan.TrainTime.TotalSeconds,
                _progress.Phase, _progress.TrialsStarted, _progress.TrialsFinished, _progress.Epochs, _progress.BestValAccuracy,
                [.. _lines.Skip(Math.Max(0, _lines.Count - lines))], ExitCode, State == NewJobState.Failed ? _lastError ?? $"ctk new exited with {ExitCode}." : null,
                State == NewJobState.Succeeded ? root.Relative(Plan.Output) : null);
        }
    }

    public void Kill()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It ended meanwhile.
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private async Task WatchAsync()
    {
        await _process.WaitForExitAsync();
        lock (_gate)
        {
            _clock.Stop();
            ExitCode = _process.ExitCode;
            // A run that finished before the request to stop reached it has its model: it succeeded.
            State = ExitCode == 0 ? NewJobState.Succeeded : _cancelling ? NewJobState.Cancelled : NewJobState.Failed;
        }
    }

    // SIGTERM, which ctk takes as Ctrl+C (System.CommandLine cancels the command); SIGINT would be ignored by a ctk ui started in the
    // background, whose children inherit that. False when it could not be sent.
    private bool Terminate()
    {
        try
        {
            using var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false })!;
            kill.WaitForExit();
            return kill.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    private void Add(string? line, bool error)
    {
        if (line is null) return;
        line = Ansi().Replace(line, "").TrimEnd();
        lock (_gate)
        {
            _lines.Enqueue(line);
            if (_lines.Count > KeptLines) _lines.Dequeue();
            _progress.Read(line);
            if (error && line.StartsWith("error:", StringComparison.Ordinal)) _lastError = line["error:".Length..].Trim();
        }
    }

    [GeneratedRegex(@"\x1B\[[0-9;?]*[ -/]*[@-~]")]
    private static partial Regex Ansi();
}
