using System.Globalization;
using System.Text.RegularExpressions;

namespace ClassifierToolkit.Cli.Search;

/// <summary>Reads budgets such as <c>30m</c>, <c>2h</c>, <c>90s</c> or <c>1h30m</c>.</summary>
internal static partial class DurationParser
{
    [GeneratedRegex(@"^(?:(\d+(?:\.\d+)?)h)?(?:(\d+(?:\.\d+)?)m)?(?:(\d+(?:\.\d+)?)s)?$")]
    private static partial Regex Pattern();

    public static TimeSpan Parse(string text, string option)
    {
        var match = Pattern().Match(text.Trim());
        if (text.Trim().Length == 0 || !match.Success)
            throw new UsageException($"{option}: '{text}' is not a duration; write e.g. 30m, 2h, 90s or 1h30m.");
        double Part(int group) => match.Groups[group].Success ? double.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture) : 0;
        var duration = TimeSpan.FromHours(Part(1)) + TimeSpan.FromMinutes(Part(2)) + TimeSpan.FromSeconds(Part(3));
        if (duration <= TimeSpan.Zero) throw new UsageException($"{option}: the duration must be positive; got '{text}'.");
        return duration;
    }
}
