namespace ClassifierToolkit.AutoML.Experiments;

/// <summary>How one worker runs trials.</summary>
/// <param name="OutputFolder">Trials' run folders go to <c>OutputFolder/trials/&lt;number&gt;</c>.</param>
/// <param name="HeartbeatInterval">How often a running trial tells the store it is alive (and checks the study's stop flag).</param>
/// <param name="HeartbeatTimeout">A running trial whose heartbeat is older than this is marked lost.</param>
public sealed record WorkerSettings(string OutputFolder, TimeSpan HeartbeatInterval, TimeSpan HeartbeatTimeout)
{
    /// <summary>This process's identity in the store: <c>host:pid</c>.</summary>
    public static string WorkerId { get; } = $"{Environment.MachineName}:{Environment.ProcessId}";
}
