using System.Globalization;
using System.Text.RegularExpressions;

namespace ClassifierToolkit.Cli.Ui.NewModels;

/// <summary>How far a background <c>ctk new</c> has come, read from the lines it prints (the search's trial and epoch lines).</summary>
internal sealed partial class NewJobProgress
{
    /// <summary>What it is doing, in a few words.</summary>
    public string Phase { get; private set; } = "starting";
    public int TrialsStarted { get; private set; }
    public int TrialsFinished { get; private set; }
    public int Epochs { get; private set; }
    /// <summary>The best validation accuracy of any epoch so far, or null.</summary>
    public double? BestValAccuracy { get; private set; }

    [GeneratedRegex(@"trial \d+ epoch \d+: val acc ([0-9.]+)")]
    private static partial Regex EpochLine();

    [GeneratedRegex(@"trial \d+ (started|complete|pruned|failed)")]
    private static partial Regex TrialLine();

    /// <summary>Takes one printed line (ANSI codes removed).</summary>
    public void Read(string line)
    {
        if (line.StartsWith("Checking every file", StringComparison.Ordinal)) Phase = "checking the images";
        else if (line.StartsWith("Measuring", StringComparison.Ordinal) || line.StartsWith("Fine-tuning speed", StringComparison.Ordinal)) Phase = "measuring the speed";
        else if (line.StartsWith("Searching for", StringComparison.Ordinal)) Phase = "searching";
        else if (line.StartsWith("Trying the ImageNet backbone", StringComparison.Ordinal)) Phase = "searching with the ImageNet backbone";
        else if (line.StartsWith("Done in", StringComparison.Ordinal)) Phase = "done";
        if (EpochLine().Match(line) is { Success: true } epoch && double.TryParse(epoch.Groups[1].Value, CultureInfo.InvariantCulture, out var accuracy))
        {
            Epochs++;
            BestValAccuracy = Math.Max(BestValAccuracy ?? 0, accuracy);
        }
        else if (TrialLine().Match(line) is { Success: true } trial)
        {
            if (trial.Groups[1].Value == "started") TrialsStarted++;
            else TrialsFinished++;
        }
    }
}
