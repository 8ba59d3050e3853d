using System.Xml.Linq;
using ClassifierToolkit.Cli.New;
using ClassifierToolkit.Data;
using ClassifierToolkit.Tests.Support;

namespace ClassifierToolkit.Tests.Cli.New;

/// <summary>What <see cref="ConsumerProjects.Write"/> writes, read without building it (GeneratedProjectsTests builds and runs it).</summary>
public sealed class ConsumerProjectsTests : IDisposable
{
    private readonly string _folder = TestPaths.NewTempFolder();

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private GeneratedProjects Write(string name = "Demo", bool overwrite = false) => ConsumerProjects.Write(
        new ConsumerProjectOptions { Name = name, ModelPath = GeneratedProjectsFixture.ModelPath, OutputFolder = _folder, Overwrite = overwrite });

    [Fact]
    public void Write_Name_NamesTheSolutionProjectsAndTypes()
    {
        var projects = Write("my demo");

        Assert.Equal("MyDemo", projects.Name.Value);
        Assert.True(projects.Name.WasChanged);
        Assert.Equal(Path.Combine(_folder, "MyDemo.slnx"), projects.SolutionPath);
        Assert.Equal(Path.Combine(_folder, "MyDemo.Consumer", "MyDemo.Consumer.csproj"), projects.ConsumerProjectPath);
        Assert.Equal(Path.Combine(_folder, "MyDemo.WebApi", "MyDemo.WebApi.csproj"), projects.WebApiProjectPath);
        Assert.Contains("public static class MyDemoModel", File.ReadAllText(Path.Combine(_folder, "MyDemo.Consumer", "MyDemoModel.cs")));
        Assert.All(projects.Files, file => Assert.True(File.Exists(file), file));
        Assert.DoesNotContain(TextFiles(projects), file => File.ReadAllText(file).Contains("{{"));
    }

    [Fact]
    public void Write_ShippedModel_DocumentsItsClassesAndInputSize()
    {
        var projects = Write();

        var model = File.ReadAllText(Path.Combine(_folder, "Demo.Consumer", "DemoModel.cs"));
        Assert.Contains($"/// {FashionMnist.ClassNames.Count} classes: {string.Join(", ", FashionMnist.ClassNames)}.", model);
        Assert.Contains("/// Input: any image, resized to 28×28 grey.", model);
    }

    [Fact]
    public void Write_PackageVersions_AreTheToolkits()
    {
        Write();

        var toolkit = Versions(Path.Combine(TestPaths.RepoRoot, "Directory.Packages.props"));
        toolkit[BundledPackages.ServingId] = BundledPackages.Version;
        var generated = Versions(Path.Combine(_folder, "Directory.Packages.props"));
        Assert.Contains(BundledPackages.ServingId, generated.Keys);
        Assert.All(generated, package => Assert.Equal(toolkit[package.Key], package.Value));
    }

    [Fact]
    public void Write_ToolkitPackages_GoIntoALocalFeedThatNuGetConfigMapsThemTo()
    {
        Write();

        var version = BundledPackages.Version;
        foreach (var id in new[] { "ClassifierToolkit", BundledPackages.ServingId })
            Assert.True(File.Exists(Path.Combine(_folder, "packages", $"{id}.{version}.nupkg")), $"{id} {version} is not in the local feed");
        var config = XDocument.Load(Path.Combine(_folder, "nuget.config")).Root!;
        var feed = config.Element("packageSources")!.Elements("add").Single(source => (string)source.Attribute("value")! == "packages");
        var mapped = config.Element("packageSourceMapping")!.Elements("packageSource")
            .Single(source => (string)source.Attribute("key")! == (string)feed.Attribute("key")!);
        Assert.Equal(["ClassifierToolkit", "ClassifierToolkit.*"], mapped.Elements("package").Select(package => (string)package.Attribute("pattern")!));
    }

    [Fact]
    public void Write_GeneratedFiles_ReferenceNoTorchSharp()
    {
        var projects = Write();

        Assert.All(TextFiles(projects), file => Assert.DoesNotMatch(@"Include=""[^""]*Torch|using\s+TorchSharp", File.ReadAllText(file)));
    }

    [Fact]
    public void Write_ProjectsExist_RefusesNamingThemUnlessOverwrite()
    {
        Write();

        var error = Assert.Throws<IOException>(() => Write());
        Assert.Contains($"'{Path.Combine(_folder, "Demo.Consumer")}'", error.Message);
        Write(overwrite: true);
    }

    private static IEnumerable<string> TextFiles(GeneratedProjects projects) =>
        projects.Files.Where(file => Path.GetExtension(file) is ".cs" or ".csproj" or ".props" or ".targets" or ".slnx");

    private static Dictionary<string, string> Versions(string propsFile) => XDocument.Load(propsFile).Descendants("PackageVersion")
        .ToDictionary(entry => (string)entry.Attribute("Include")!, entry => (string)entry.Attribute("Version")!);
}
