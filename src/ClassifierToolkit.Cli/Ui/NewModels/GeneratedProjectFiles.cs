using System.IO.Compression;
using ClassifierToolkit.Cli.Ui.Catalog;

namespace ClassifierToolkit.Cli.Ui.NewModels;

/// <summary>
/// The projects <c>ctk new</c> generated in a run folder: the solution and build files beside them, each project folder (a
/// <c>.csproj</c> inside) without bin/obj, and the local package feed. The model copies and the feed are part of the download, since
/// the projects build and run from them; the browsable files are the text ones.
/// </summary>
internal sealed class GeneratedProjectFiles
{
    /// <summary>The largest file the page shows.</summary>
    public const long MaxShownBytes = 512 * 1024;
    private static readonly HashSet<string> TopLevelExtensions = new(StringComparer.OrdinalIgnoreCase) { ".slnx", ".props", ".targets", ".config", ".editorconfig" };
    private static readonly HashSet<string> BinaryExtensions = new(StringComparer.OrdinalIgnoreCase) { ".zip", ".nupkg", ".onnx", ".dll", ".png", ".jpg" };
    private static readonly string[] BuildFolders = ["bin", "obj"];
    private const string PackagesFolder = "packages";

    private readonly UiRoot _folder;

    private GeneratedProjectFiles(string run, string folder, string name)
    {
        Run = run;
        Name = name;
        _folder = new UiRoot(folder);
        var files = Directory.EnumerateFiles(folder).Where(f => TopLevelExtensions.Contains(Path.GetExtension(f)) || Path.GetFileName(f) == ".editorconfig")
            .Concat(Directory.EnumerateDirectories(folder).Where(d => Directory.EnumerateFiles(d, "*.csproj").Any()).SelectMany(ProjectFolderFiles))
            .Concat(Directory.Exists(Path.Combine(folder, PackagesFolder)) ? Directory.EnumerateFiles(Path.Combine(folder, PackagesFolder), "*.nupkg") : []);
        Files = [.. files.Select(_folder.Relative).Order(StringComparer.Ordinal)];
    }

    /// <summary>The run folder, relative to the root.</summary>
    public string Run { get; }
    /// <summary>The projects' name (<c>&lt;Name&gt;.ctk.json</c>).</summary>
    public string Name { get; }
    /// <summary>Every generated file, relative to the run folder with forward slashes.</summary>
    public IReadOnlyList<string> Files { get; }

    /// <summary>The projects of the <c>ctk new</c> output <paramref name="run"/> (relative to the root).</summary>
    /// <exception cref="UiRequestException">No run named, outside the root (403), missing, or no <c>ctk new</c> output with projects (404).</exception>
    public static GeneratedProjectFiles Of(UiRoot root, string? run)
    {
        var folder = root.Resolve(run, "run");
        if (!Directory.Exists(folder)) throw UiRequestException.NotFound($"There is no run folder '{run}' under the root ({root.FullPath}).");
        var config = RunFolders.NewConfig(folder)
            ?? throw UiRequestException.NotFound($"'{run}' is not a ctk new output (it has no <Name>.ctk.json), so it has no generated projects; start a new model on the New model page.");
        var projects = new GeneratedProjectFiles(root.Relative(folder), folder, Path.GetFileName(config)[..^".ctk.json".Length]);
        if (!projects.Files.Any(f => f.EndsWith(".csproj", StringComparison.Ordinal)))
            throw UiRequestException.NotFound($"'{run}' has no generated projects yet: ctk new writes them at its end (or run ctk new --config {Path.GetFileName(config)} again).");
        return projects;
    }

    /// <summary>True for the files the page can show as code.</summary>
    public static bool IsText(string file) => !BinaryExtensions.Contains(Path.GetExtension(file));

    /// <summary>The text of <paramref name="path"/> (relative to the run folder).</summary>
    /// <exception cref="UiRequestException">403 for a path leaving the run folder; 404 for one that is not a generated text file; 400 for one too large to show.</exception>
    public string Read(string? path)
    {
        var full = _folder.Resolve(path, "file");
        var relative = _folder.Relative(full);
        if (!Files.Contains(relative) || !IsText(relative))
            throw UiRequestException.NotFound($"'{path}' is not one of the generated projects' code files in '{Run}'; pick one from the list.");
        var length = new FileInfo(full).Length;
        if (length > MaxShownBytes) throw UiRequestException.BadRequest($"'{path}' is {length / 1024} kB, more than the page shows ({MaxShownBytes / 1024} kB); download the projects instead.");
        return File.ReadAllText(full);
    }

    /// <summary>Writes every generated file as a zip into <paramref name="stream"/>, under a folder named after the projects.</summary>
    public void WriteZip(Stream stream)
    {
        using var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
        foreach (var file in Files)
            // Models and packages are zips already: stored, not squeezed again.
            zip.CreateEntryFromFile(Path.Combine(_folder.FullPath, file), $"{Name}/{file}", IsText(file) ? CompressionLevel.Optimal : CompressionLevel.NoCompression);
    }

    private static IEnumerable<string> ProjectFolderFiles(string project) =>
        Directory.EnumerateFiles(project).Concat(Directory.EnumerateDirectories(project)
            .Where(d => !BuildFolders.Contains(Path.GetFileName(d), StringComparer.OrdinalIgnoreCase) && !Path.GetFileName(d).StartsWith('.'))
            .SelectMany(ProjectFolderFiles));
}
