using System.Diagnostics;
using System.Globalization;
using ClassifierToolkit.AutoML.Experiments;

namespace ClassifierToolkit.Cli.Search;

/// <summary>Starts <c>ctk automl worker</c> processes on this machine, their output logged to <c>output/workers/</c>.</summary>
internal sealed class WorkerProcessLauncher(string? dataDir) : IWorkerLauncher
{
    public async Task RunAsync(int count, int threadsEach, string storage, string study, string outputFolder, CancellationToken cancellationToken)
    {
        var logs = Directory.CreateDirectory(Path.Combine(outputFolder, "workers")).FullName;
        var processes = new List<Process>();
        for (int i = 1; i <= count; i++)
        {
            var start = CtkSelf.StartInfo(["automl", "worker", "--storage", storage, "--study", study, "--output", outputFolder,
                "--threads", threadsEach.ToString(CultureInfo.InvariantCulture)]);
            if (dataDir is not null) { start.ArgumentList.Add("--data-dir"); start.ArgumentList.Add(dataDir); }
            var process = Process.Start(start)!;
            var log = new StreamWriter(Path.Combine(logs, $"worker-{i}.log")) { AutoFlush = true };
            process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
            process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
            process.Exited += (_, _) => { lock (log) log.Dispose(); };
            process.EnableRaisingEvents = true;
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            processes.Add(process);
        }
        await Task.WhenAll(processes.Select(p => p.WaitForExitAsync(cancellationToken)));
        foreach (var process in processes) process.Dispose();
    }
}
