using System.Globalization;

namespace ClassifierToolkit.Cli.New;

/// <summary>
/// Writes the projects that use a trained model, as Model Builder does: <c>&lt;Name&gt;.Consumer</c>, a console app that
/// predicts image files with plain ML.NET packages (<c>ModelInput</c>, <c>ModelOutput</c> and a <c>Predict</c> method), and
/// <c>&lt;Name&gt;.WebApi</c>, a minimal API on the toolkit's serving library (<c>MapImageClassifier</c>: <c>POST /predict</c>,
/// <c>GET /model</c>, <c>GET /health</c>; hot reload), with a solution listing both. They build as written, carry no
/// TorchSharp, and each holds a copy of the model.
/// The web project references the ClassifierToolkit.Serving package at ctk's version; a local feed beside the solution
/// (<c>packages/</c>, named in its <c>nuget.config</c>) holds the packages ctk carries, so it restores without any feed that
/// has them.
/// </summary>
internal static class ConsumerProjects
{
    private const string VersionPlaceholder = "Version:";

    // Where everything goes, named with the templates' placeholders.
    private const string Solution = "{{Name}}.slnx";
    private const string ConsumerFolder = "{{Name}}.Consumer";
    private const string ConsumerProject = ConsumerFolder + "/{{Name}}.Consumer.csproj";
    private const string WebApiFolder = "{{Name}}.WebApi";
    private const string WebApiProject = WebApiFolder + "/{{Name}}.WebApi.csproj";
    private const string ModelCopy = "/{{Name}}.zip";
    private const string LocalFeed = "packages";

    // Each template (below New/Templates/) and the file it becomes.
    private static readonly TemplateFile[] Files =
    [
        new(".editorconfig", ".editorconfig"),
        new("Directory.Build.props", "Directory.Build.props"),
        new("Directory.Build.targets", "Directory.Build.targets"),
        new("Directory.Packages.props", "Directory.Packages.props"),
        new("nuget.config", "nuget.config"),
        new("Solution.slnx", Solution),
        new("Consumer/Consumer.csproj", ConsumerProject),
        new("Consumer/ModelInput.cs", ConsumerFolder + "/ModelInput.cs"),
        new("Consumer/ModelOutput.cs", ConsumerFolder + "/ModelOutput.cs"),
        new("Consumer/Model.cs", ConsumerFolder + "/{{Name}}Model.cs"),
        new("Consumer/Program.cs", ConsumerFolder + "/Program.cs"),
        new("WebApi/WebApi.csproj", WebApiProject),
        new("WebApi/Program.cs", WebApiFolder + "/Program.cs"),
    ];

    /// <summary>Writes the solution and both projects into <see cref="ConsumerProjectOptions.OutputFolder"/>.</summary>
    /// <returns>The name used (say so if it changed) and the paths written.</returns>
    /// <exception cref="ArgumentException">The name cannot be made a project name (<see cref="ProjectName.From"/>).</exception>
    /// <exception cref="FileNotFoundException">The model file does not exist.</exception>
    /// <exception cref="InvalidDataException">The model is not a toolkit classifier.</exception>
    /// <exception cref="IOException">The projects exist already and <see cref="ConsumerProjectOptions.Overwrite"/> is off.</exception>
    public static GeneratedProjects Write(ConsumerProjectOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ModelPath, nameof(options.ModelPath));
        ArgumentException.ThrowIfNullOrWhiteSpace(options.OutputFolder, nameof(options.OutputFolder));
        var name = ProjectName.From(options.Name);
        var model = ModelSummary.Read(options.ModelPath);
        string ValueOf(string key) => key switch
        {
            "Name" => name.Value,
            "ClassCount" => model.ClassNames.Count.ToString(CultureInfo.InvariantCulture),
            "ClassList" => model.ClassListForDocs,
            "InputSize" => model.InputSize,
            "ToolkitVersion" => BundledPackages.Version,
            _ when key.StartsWith(VersionPlaceholder, StringComparison.Ordinal) => PackageVersions.Of(key[VersionPlaceholder.Length..]),
            _ => throw new InvalidOperationException($"The project templates use a placeholder {{{{{key}}}}} that ctk has no value for."),
        };
        string PathOf(string relative) => Path.Combine(Path.GetFullPath(options.OutputFolder), ProjectTemplates.Fill(relative, ValueOf));

        if (!options.Overwrite) RefuseExisting([.. Files.Select(file => PathOf(file.Output)), PathOf(ConsumerFolder), PathOf(WebApiFolder), PathOf(LocalFeed)]);
        var written = new List<string>();
        foreach (var file in Files)
        {
            var path = PathOf(file.Output);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, ProjectTemplates.Render(file.Template, ValueOf));
            written.Add(path);
        }
        foreach (var modelCopy in new[] { PathOf(ConsumerFolder + ModelCopy), PathOf(WebApiFolder + ModelCopy) })
        {
            File.Copy(options.ModelPath, modelCopy, overwrite: true);
            written.Add(modelCopy);
        }
        written.AddRange(BundledPackages.CopyTo(PathOf(LocalFeed)));
        return new GeneratedProjects(name, PathOf(Solution), PathOf(ConsumerProject), PathOf(WebApiProject), written);
    }

    private static void RefuseExisting(IEnumerable<string> paths)
    {
        var existing = paths.Where(path => File.Exists(path) || Directory.Exists(path)).ToList();
        if (existing.Count > 0)
            throw new IOException($"Generating the projects would overwrite {string.Join(", ", existing.Select(path => $"'{path}'"))}; " +
                "choose another name or output folder, or delete them first.");
    }

    private sealed record TemplateFile(string Template, string Output);
}
