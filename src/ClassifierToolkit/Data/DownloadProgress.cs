namespace ClassifierToolkit.Data;

/// <summary>Bytes received so far of one file; <see cref="TotalBytes"/> is null when the server does not say.</summary>
public sealed record DownloadProgress(string File, long ReceivedBytes, long? TotalBytes);
