using ClassifierToolkit.Cli.New;

namespace ClassifierToolkit.Tests.Cli.New;

public class ProjectNameTests
{
    [Theory]
    [InlineData("Demo", "Demo")]
    [InlineData("my demo", "MyDemo")]
    [InlineData("my_demo", "MyDemo")]
    [InlineData("fashion-mnist.v2", "FashionMnistV2")]
    [InlineData("  Fashion  MNIST  ", "FashionMNIST")]
    [InlineData("2024 photos", "_2024Photos")]
    [InlineData("modèle", "Modèle")]
    [InlineData("class", "Class")]
    public void From_AnyName_MakesAPascalCaseIdentifier(string requested, string expected)
    {
        var name = ProjectName.From(requested);

        Assert.Equal(expected, name.Value);
        Assert.Equal(requested, name.Requested);
        Assert.Equal(requested != expected, name.WasChanged);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" -- ")]
    public void From_NoLettersOrDigits_ThrowsSayingSo(string requested)
    {
        var error = Assert.Throws<ArgumentException>(() => ProjectName.From(requested));

        Assert.Contains("has no letters or digits", error.Message);
    }

    [Theory]
    [InlineData("console", "Console")]
    [InlineData("MLContext", "MLContext")]
    [InlineData("model input", "ModelInput")]
    public void From_NameTheGeneratedCodeUses_ThrowsSuggestingAnother(string requested, string name)
    {
        // As the projects' namespace it would hide the type of that name, and the generated code would not build.
        var error = Assert.Throws<ArgumentException>(() => ProjectName.From(requested));

        Assert.Contains($"'{name}' cannot name the projects", error.Message);
        Assert.Contains($"'{name}App'", error.Message);
    }
}
