namespace ClassifierToolkit.Cli.Ui;

/// <summary>
/// The folder <c>ctk ui</c> shows, and the only place its requests may reach: every path a request names is resolved
/// relative to it, and a path that is absolute, climbs out with <c>..</c>, or passes through a link leading outside is refused.
/// </summary>
internal sealed class UiRoot
{
    public UiRoot(string folder)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
        if (!Directory.Exists(full)) throw new DirectoryNotFoundException($"--root {folder}: no such folder; give an existing folder (the one holding your runs).");
        // The root itself may be a link; what counts is where it leads.
        FullPath = Path.TrimEndingDirectorySeparator(new DirectoryInfo(full).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? full);
    }

    /// <summary>The root's absolute path, links resolved.</summary>
    public string FullPath { get; }

    /// <summary>The absolute path of <paramref name="relative"/> (forward or back slashes; empty is the root itself).</summary>
    /// <exception cref="UiRequestException">400 for a missing or malformed path; 403 for one that is absolute, climbs out of the root or
    /// goes through a link that leads out of it.</exception>
    public string Resolve(string? relative, string what = "path")
    {
        if (relative is null) throw UiRequestException.BadRequest($"The request names no {what}: give it relative to the root ({FullPath}).");
        if (relative.IndexOfAny(['\0', '\n', '\r']) >= 0) throw UiRequestException.BadRequest($"The {what} holds control characters.");
        var normalized = relative.Replace('\\', '/');
        if (Path.IsPathRooted(relative) || normalized.StartsWith('/') || (normalized.Length > 1 && normalized[1] == ':'))
            throw UiRequestException.Forbidden($"The {what} '{relative}' is absolute; give it relative to the root ({FullPath}).");
        var parts = normalized.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Any(p => p == ".."))
            throw UiRequestException.Forbidden($"The {what} '{relative}' climbs out with '..'; only folders under the root ({FullPath}) are shown.");
        var current = FullPath;
        foreach (var part in parts.Where(p => p != "."))
        {
            current = Path.Combine(current, part);
            // A link anywhere on the way may lead outside: follow it and check where it ends.
            FileSystemInfo entry = Directory.Exists(current) ? new DirectoryInfo(current) : new FileInfo(current);
            if (entry.Exists && entry.LinkTarget is not null)
            {
                var target = entry.ResolveLinkTarget(returnFinalTarget: true)?.FullName;
                if (target is null || !Contains(target))
                    throw UiRequestException.Forbidden($"The {what} '{relative}' goes through the link '{part}', which leads outside the root ({FullPath}).");
            }
        }
        return current;
    }

    /// <summary>True when <paramref name="fullPath"/> is the root or lies under it.</summary>
    public bool Contains(string fullPath)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(fullPath));
        return full == FullPath || full.StartsWith(FullPath + Path.DirectorySeparatorChar, StringComparison.Ordinal);
    }

    /// <summary><paramref name="fullPath"/> relative to the root, with forward slashes (how the page names things).</summary>
    public string Relative(string fullPath)
    {
        var relative = Path.GetRelativePath(FullPath, fullPath).Replace('\\', '/');
        return relative == "." ? "" : relative;
    }
}
