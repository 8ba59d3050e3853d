using System.Globalization;

namespace ClassifierToolkit.Cli.Doctor;

/// <summary>Sizes of folders on disk, and how to print them.</summary>
internal static class ByteSize
{
    /// <summary>The bytes of every file under <paramref name="folder"/> (hidden ones too, symbolic links not followed); 0 when it does not exist.</summary>
    public static long OfFolder(string folder) => Directory.Exists(folder)
        ? new DirectoryInfo(folder).EnumerateFiles("*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint })
            .Sum(file => file.Length)
        : 0;

    /// <summary>Exact bytes, then a readable size: <c>12,345 bytes (12.1 KB)</c>.</summary>
    public static string Format(long bytes)
    {
        string[] units = ["bytes", "KB", "MB", "GB", "TB"];
        double size = bytes;
        int unit = 0;
        while (size >= 1024 && unit < units.Length - 1) { size /= 1024; unit++; }
        var exact = bytes.ToString("N0", CultureInfo.InvariantCulture) + " bytes";
        return unit == 0 ? exact : string.Create(CultureInfo.InvariantCulture, $"{exact} ({size:F1} {units[unit]})");
    }
}
