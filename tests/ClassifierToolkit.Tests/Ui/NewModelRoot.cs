using ClassifierToolkit.Cli.New;
using ClassifierToolkit.Tests.Support;

namespace ClassifierToolkit.Tests.Ui;

/// <summary>
/// A root for the new-model page's tests, and a <c>ctk ui</c> over it: <c>photos/</c> (3 classes of 20 sample images, with the broken
/// files people's folders hold), <c>models/Shipped/</c> (the projects ctk new generates, for the shipped model, with build
/// leftovers in bin/obj), <c>linked</c> (a link to a folder outside the root) and that folder, <see cref="Outside"/>.
/// </summary>
public sealed class NewModelRoot : IDisposable
{
    public const string Projects = "models/Shipped";
    private readonly Lazy<CtkUi> _ui;

    public NewModelRoot()
    {
        var folder = TestPaths.NewTempFolder();
        Root = Path.Combine(folder, "root");
        Outside = Path.Combine(folder, "outside");
        Directory.CreateDirectory(Root);
        Directory.CreateDirectory(Path.Combine(Outside, "cats"));
        Directory.CreateDirectory(Path.Combine(Outside, "dogs"));
        Directory.Move(MessyImageFolder.Create(perClass: 20, classes: 3).Root, Path.Combine(Root, "photos"));
        Directory.CreateSymbolicLink(Path.Combine(Root, "linked"), Outside);

        var shipped = Path.Combine(Root, "models", "Shipped");
        ConsumerProjects.Write(new ConsumerProjectOptions { Name = "Shipped", ModelPath = GeneratedProjectsFixture.ModelPath, OutputFolder = shipped });
        File.Copy(GeneratedProjectsFixture.ModelPath, Path.Combine(shipped, "Shipped.zip"));
        File.WriteAllText(Path.Combine(shipped, "Shipped.ctk.json"), """{ "version": 1, "name": "Shipped" }""");
        foreach (var leftover in new[] { "Shipped.Consumer/bin/Debug/Shipped.Consumer.dll", "Shipped.WebApi/obj/project.assets.json" })
        {
            var path = Path.Combine(shipped, leftover);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, "built");
        }
        _ui = new(() => new CtkUi(Root));
    }

    public string Root { get; }
    /// <summary>A folder beside the root, with two class folders: never reachable from the page.</summary>
    public string Outside { get; }
    /// <summary>A <c>ctk ui</c> over <see cref="Root"/>, started on first use and shared by the tests.</summary>
    internal CtkUi Ui => _ui.Value;

    public void Dispose()
    {
        if (_ui.IsValueCreated) _ui.Value.Dispose();
    }
}
