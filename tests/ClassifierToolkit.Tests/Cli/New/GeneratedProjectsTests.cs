using System.Net;
using System.Text.Json;
using ClassifierToolkit.Cli.New;
using ClassifierToolkit.Prediction;
using ClassifierToolkit.Tests.Support;

namespace ClassifierToolkit.Tests.Cli.New;

/// <summary>The projects of <c>ctk new</c>, end to end: generated from the shipped model, built with <c>dotnet build</c>, and run.</summary>
[Collection(ChildProcessTests.Name)]
public sealed class GeneratedProjectsTests(GeneratedProjectsFixture generated) : IClassFixture<GeneratedProjectsFixture>
{
    private static readonly ImageClassifier Toolkit = ImageClassifier.Load(GeneratedProjectsFixture.ModelPath);

    [Fact]
    public void Build_GeneratedSolution_BuildsBothProjectsWithoutWarningsOrTorchSharp()
    {
        generated.AssertBuilt();
        foreach (var project in new[] { generated.Projects.ConsumerProjectPath, generated.Projects.WebApiProjectPath })
        {
            var output = GeneratedProjectsFixture.OutputFolder(project);
            var deps = Deps(project);
            Assert.DoesNotContain("TorchSharp", deps);
            Assert.DoesNotContain("OxyPlot", deps);
            Assert.DoesNotContain("Npgsql", deps);
            Assert.DoesNotContain("Sqlite", deps);
            Assert.Empty(Directory.GetFiles(output, "*Torch*", SearchOption.AllDirectories));
        }
        Assert.DoesNotContain("ClassifierToolkit", Deps(generated.Projects.ConsumerProjectPath));
    }

    [Fact]
    public void Build_WebApi_RestoresTheServingPackageCtkCarriesFromTheLocalFeed()
    {
        generated.AssertBuilt();

        // The package, not copied assemblies: deps.json names it with ctk's version, and the feed beside the solution is
        // the only source mapped to ClassifierToolkit*.
        var deps = Deps(generated.Projects.WebApiProjectPath);
        Assert.Contains($"\"{BundledPackages.ServingId}/{BundledPackages.Version}\"", deps);
        Assert.Contains($"\"ClassifierToolkit/{BundledPackages.Version}\"", deps);
        Assert.False(Directory.Exists(Path.Combine(Path.GetDirectoryName(generated.Projects.WebApiProjectPath)!, "lib")));
    }

    private static string Deps(string projectPath) => File.ReadAllText(Path.ChangeExtension(GeneratedProjectsFixture.AppPath(projectPath), ".deps.json"));

    [Fact]
    public void Consumer_ImagePaths_PrintsTheToolkitsPredictions()
    {
        var result = RunConsumer([.. generated.Images.Select(image => image.ImagePath)]);

        Assert.True(result.ExitCode == 0, result.Error);
        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(generated.Images.Count, lines.Length);
        for (int i = 0; i < lines.Length; i++)
        {
            var expected = Toolkit.Predict(generated.Images[i].ImagePath);
            Assert.Equal([generated.Images[i].ImagePath, expected.PredictedLabel, expected.Scores.Max().ToString("P1")], lines[i].Split('\t'));
        }
    }

    [Fact]
    public void Consumer_NoArguments_PrintsUsageAndExits2()
    {
        var result = RunConsumer([]);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"usage: {generated.Projects.Name}.Consumer <image>", result.Error);
    }

    [Fact]
    public void Consumer_MissingAndUnreadableImages_NamesEachAndExits1()
    {
        var missing = Path.Combine(generated.Folder, "no-such-image.png");
        var notAnImage = Path.Combine(generated.Folder, "notes.png");
        File.WriteAllText(notAnImage, "not an image");

        var result = RunConsumer([missing, notAnImage, generated.Images[0].ImagePath]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"error: Image '{missing}' does not exist.", result.Error);
        Assert.Contains($"error: '{notAnImage}' could not be read as an image", result.Error);
        Assert.StartsWith(generated.Images[0].ImagePath + "\t" + Toolkit.Predict(generated.Images[0].ImagePath).PredictedLabel, result.Output);
    }

    [Fact]
    public async Task WebApi_ImageAsBodyOrFormFile_AnswersTheToolkitsPrediction()
    {
        var image = generated.Images[0].ImagePath;
        var expected = Toolkit.Predict(image);
        var form = new MultipartFormDataContent { { new ByteArrayContent(await File.ReadAllBytesAsync(image)), "image", "photo.png" } };

        foreach (var content in new HttpContent[] { new ByteArrayContent(await File.ReadAllBytesAsync(image)), form })
        {
            var response = await generated.WebApi.Client.PostAsync("/predict", content);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal(expected.PredictedLabel, body.GetProperty("predictedLabel").GetString());
            var top = body.GetProperty("top");
            Assert.Equal(3, top.GetArrayLength());
            Assert.Equal(expected.PredictedLabel, top[0].GetProperty("className").GetString());
            Assert.Equal(expected.Scores.Max(), top[0].GetProperty("probability").GetSingle(), 1e-5);
        }
    }

    [Fact]
    public async Task WebApi_NotAnImageOrEmpty_Answers400ProblemDetails()
    {
        var notAnImage = new StringContent("not an image");
        var empty = new ByteArrayContent([]);
        var formWithoutFile = new MultipartFormDataContent { { new StringContent("x"), "field" } };

        foreach (var (content, says) in new (HttpContent, string)[] { (notAnImage, "could not be read as an image"), (empty, "is empty"), (formWithoutFile, "has no file") })
        {
            var response = await generated.WebApi.Client.PostAsync("/predict", content);

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains(says, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString());
        }
    }

    [Fact]
    public async Task WebApi_Model_DescribesTheCopiedModel()
    {
        var response = await generated.WebApi.Client.GetAsync("/model");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(Toolkit.ClassNames, body.GetProperty("classes").EnumerateArray().Select(name => name.GetString()!));
        Assert.Equal(Path.Combine(GeneratedProjectsFixture.OutputFolder(generated.Projects.WebApiProjectPath), $"{generated.Projects.Name}.zip"),
            body.GetProperty("path").GetString());
    }

    private DotnetCommand.Result RunConsumer(string[] args)
    {
        generated.AssertBuilt();
        return DotnetCommand.Run([GeneratedProjectsFixture.AppPath(generated.Projects.ConsumerProjectPath), .. args], TimeSpan.FromMinutes(1));
    }
}
