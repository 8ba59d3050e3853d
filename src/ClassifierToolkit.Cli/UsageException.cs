namespace ClassifierToolkit.Cli;

/// <summary>The command line itself is wrong (exit code 2): a missing or conflicting argument, a malformed value.</summary>
internal sealed class UsageException(string message) : Exception(message);
