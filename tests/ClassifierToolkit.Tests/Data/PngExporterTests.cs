using ClassifierToolkit.Data;
using ClassifierToolkit.Preprocessing;
using ClassifierToolkit.Tests.Support;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace ClassifierToolkit.Tests.Data;

public class PngExporterTests
{
    [Theory]
    [InlineData("T-shirt/top", "T-shirt_top")]
    [InlineData("Ankle boot", "Ankle boot")]
    [InlineData("a:b*c?", "a_b_c_")]
    public void ToFolderName_ReplacesCharactersFoldersCannotHold(string className, string expected)
    {
        Assert.Equal(expected, ClassFolderNames.ToFolderName(className));
    }

    [Fact]
    public void Resolve_SafeFolderName_MapsBackToTheClass()
    {
        Assert.Equal("T-shirt/top", ClassFolderNames.Resolve("T-shirt_top", FashionMnist.ClassNames));
        Assert.Equal("Bag", ClassFolderNames.Resolve("Bag", FashionMnist.ClassNames));
        Assert.Null(ClassFolderNames.Resolve("Hat", FashionMnist.ClassNames));
        Assert.Null(ClassFolderNames.Resolve("a_b", ["a/b", "a:b"]));
    }

    [Fact]
    public void Export_ThenPreprocess_GivesExactlyTheInMemoryPixels()
    {
        var images = SampleData.Test.Take(100);
        var files = PngExporter.Export(images, TestPaths.NewTempFolder());
        var mlContext = new MLContext(1);

        var view = ImagePreprocessing.Fit(mlContext, new InputShape(1, 28, 28) { Alpha = true }).Transform(mlContext.Data.LoadFromEnumerable(files));
        var fromFiles = view.GetColumn<float[]>(ColumnNames.Pixels).ToList();
        var inMemory = images.ToDataView(mlContext).GetColumn<float[]>(ColumnNames.Pixels).ToList();

        Assert.Equal(100, fromFiles.Count);
        for (int i = 0; i < fromFiles.Count; i++) Assert.Equal(inMemory[i], fromFiles[i]);
        Assert.Contains(files, f => f.ImagePath.Contains($"{Path.DirectorySeparatorChar}T-shirt_top{Path.DirectorySeparatorChar}") && f.Label == "T-shirt/top");
    }
}
