using ClassifierToolkit.Data;

namespace ClassifierToolkit.Cli.Doctor;

/// <summary>The folders ctk fills on its own (PNG exports, feature caches, downloaded data) and how much each holds.</summary>
internal sealed class CacheFoldersCheck : IDoctorCheck
{
    // A cache of many exports stays readable: the largest sub-folders, then a count of the rest.
    private const int ListedSubfolders = 12;

    public DoctorSection Run()
    {
        var cache = PngExportCache.DefaultRoot();
        var findings = new List<DoctorFinding> { Folder($"cache (${PngExportCache.CacheDirectoryVariable}, else ~/.cache/classifier-toolkit)", cache) };
        if (Directory.Exists(cache))
        {
            var subfolders = Directory.EnumerateDirectories(cache).Select(folder => (Folder: folder, Bytes: ByteSize.OfFolder(folder)))
                .OrderByDescending(entry => entry.Bytes).ToList();
            findings.AddRange(subfolders.Take(ListedSubfolders).Select(entry => new DoctorFinding("  " + Path.GetFileName(entry.Folder), ByteSize.Format(entry.Bytes))));
            if (subfolders.Count > ListedSubfolders)
                findings.Add(new DoctorFinding("  ...", $"{subfolders.Count - ListedSubfolders} more, {ByteSize.Format(subfolders.Skip(ListedSubfolders).Sum(entry => entry.Bytes))}"));
        }
        findings.Add(Folder($"data directory (${FashionMnistLocator.DataDirectoryVariable}, else ~/.ctk/data)", FashionMnistLocator.Defaults.DataDirectory));
        return new DoctorSection("Cache folders", findings);
    }

    private static DoctorFinding Folder(string name, string folder) => new(name,
        Directory.Exists(folder) ? $"{folder}: {ByteSize.Format(ByteSize.OfFolder(folder))}" : $"{folder}: does not exist yet");
}
