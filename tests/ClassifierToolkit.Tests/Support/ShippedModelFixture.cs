using ClassifierToolkit.Data;

namespace ClassifierToolkit.Tests.Support;

/// <summary>
/// The shipped seed CNN (<c>models/fashion-mnist-cnn.zip</c>), copied so no test can change the repository's file, and the
/// sample's first 200 test images as PNG files in <c>png/</c>. Nothing is trained in this process: tests of child processes
/// (the <see cref="ChildProcessTests"/> collection) run beside the in-process Torch tests, and training here would move
/// Torch's process-wide generator under them.
/// </summary>
public sealed class ShippedModelFixture
{
    private static readonly Lazy<(string Folder, string ModelPath, IReadOnlyList<ImageFile> TestFiles)> Shared = new(() =>
    {
        var folder = TestPaths.NewTempFolder();
        var modelPath = Path.Combine(folder, "model.zip");
        File.Copy(Path.Combine(TestPaths.RepoRoot, "models", "fashion-mnist-cnn.zip"), modelPath);
        return (folder, modelPath, PngExporter.Export(SampleData.Test.Take(200), Path.Combine(folder, "png")));
    });

    /// <summary>The folder holding the model and <c>png/</c>, shared by every test of the run: read, never write.</summary>
    public string Folder => Shared.Value.Folder;
    /// <summary>The model, shared: copy it to change it.</summary>
    public string ModelPath => Shared.Value.ModelPath;
    /// <summary>200 test images as PNG files, with their labels.</summary>
    public IReadOnlyList<ImageFile> TestFiles => Shared.Value.TestFiles;
}
