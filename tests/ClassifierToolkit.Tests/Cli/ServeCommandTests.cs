using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using ClassifierToolkit.Prediction;
using ClassifierToolkit.Tests.Support;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;

namespace ClassifierToolkit.Tests.Cli;

/// <summary><c>ctk serve</c> in its own process, driven over loopback HTTP and from a real headless browser.</summary>
[Collection(ChildProcessTests.Name)]
public sealed class ServeCommandTests : IClassFixture<ShippedModelFixture>, IDisposable
{
    private readonly ShippedModelFixture _model;
    private readonly string _modelPath;
    private readonly CtkServer _server;

    public ServeCommandTests(ShippedModelFixture model)
    {
        _model = model;
        _modelPath = Path.Combine(TestPaths.NewTempFolder(), "served.zip");
        File.Copy(model.ModelPath, _modelPath);
        _server = new CtkServer(_modelPath, "--max-request-mb", "1");
    }

    public void Dispose() => _server.Dispose();

    private static JsonElement Json(HttpResponseMessage response) => JsonDocument.Parse(response.Content.ReadAsStringAsync().Result).RootElement;

    // A sample image the model classifies correctly, and that label.
    private (string Path, string Label) WellClassifiedImage()
    {
        using var classifier = ImageClassifier.Load(_model.ModelPath);
        return _model.TestFiles.Select(f => (f.ImagePath, f.Label)).First(f => classifier.Predict(ImageData.FromFile(f.ImagePath)).PredictedLabel == f.Label);
    }

    [Fact]
    public async Task Model_And_Health_DescribeWhatIsServed()
    {
        var health = await _server.Client.GetAsync("/health");
        var model = Json(await _server.Client.GetAsync("/model"));

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(10, model.GetProperty("classes").GetArrayLength());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(_modelPath))), model.GetProperty("sha256").GetString());
        Assert.Equal(28, model.GetProperty("height").GetInt32());
    }

    [Fact]
    public async Task Predict_BodyMultipartAndBatch_GiveTheModelsPrediction()
    {
        var (image, label) = WellClassifiedImage();
        var bytes = await File.ReadAllBytesAsync(image);

        var fromBody = Json(await _server.Client.PostAsync("/predict?top=2", new ByteArrayContent(bytes)));
        using var form = new MultipartFormDataContent { { new ByteArrayContent(bytes), "image", "shirt.png" } };
        var fromForm = Json(await _server.Client.PostAsync("/predict", form));
        using var batchForm = new MultipartFormDataContent();
        foreach (var f in _model.TestFiles.Take(3)) batchForm.Add(new ByteArrayContent(await File.ReadAllBytesAsync(f.ImagePath)), "images", Path.GetFileName(f.ImagePath));
        var batch = Json(await _server.Client.PostAsync("/predict/batch", batchForm));

        Assert.Equal(label, fromBody.GetProperty("predictedLabel").GetString());
        Assert.Equal(2, fromBody.GetProperty("top").GetArrayLength());
        Assert.Equal(label, fromForm.GetProperty("predictedLabel").GetString());
        Assert.Equal("shirt.png", fromForm.GetProperty("name").GetString());
        Assert.Equal(3, batch.GetProperty("predictions").GetArrayLength());
        using var classifier = ImageClassifier.Load(_model.ModelPath);
        var expected = _model.TestFiles.Take(3).Select(f => classifier.Predict(ImageData.FromFile(f.ImagePath)).PredictedLabel);
        Assert.Equal(expected, batch.GetProperty("predictions").EnumerateArray().Select(p => p.GetProperty("predictedLabel").GetString()));
    }

    [Theory]
    [InlineData("empty", 400, "is empty")]
    [InlineData("text", 400, "could not be read as an image")]
    [InlineData("oversized", 413, "larger than this server accepts")]
    [InlineData("bad-top", 400, "top=0")]
    [InlineData("empty-form", 400, "no file")]
    [InlineData("unknown-route", 404, "not part of this API")]
    public async Task BadRequests_GetProblemDetailsThatSayWhatIsWrong(string kind, int status, string message)
    {
        using HttpContent? content = kind switch
        {
            "empty" => new ByteArrayContent([]),
            "text" => new StringContent("not an image"),
            "oversized" => new ByteArrayContent(new byte[2 * 1024 * 1024]),
            "bad-top" => new ByteArrayContent(await File.ReadAllBytesAsync(_model.TestFiles[0].ImagePath)),
            "empty-form" => new MultipartFormDataContent { { new StringContent("x"), "field" } },
            _ => null,
        };
        var response = kind == "unknown-route" ? await _server.Client.GetAsync("/nope")
            : await _server.Client.PostAsync(kind == "bad-top" ? "/predict?top=0" : "/predict", content);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(status, Json(response).GetProperty("status").GetInt32());
        Assert.Contains(message, Json(response).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task ModelFileReplaced_ServesTheNewModelWithoutAFailedRequest()
    {
        var seed = Path.Combine(TestPaths.RepoRoot, "models", "fashion-mnist-cnn.zip");
        var image = await File.ReadAllBytesAsync(_model.TestFiles[0].ImagePath);
        var failures = 0;
        using var stop = new CancellationTokenSource();
        var load = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
                if (!(await _server.Client.PostAsync("/predict", new ByteArrayContent(image))).IsSuccessStatusCode) Interlocked.Increment(ref failures);
        });

        File.Copy(seed, _modelPath + ".tmp");
        File.Move(_modelPath + ".tmp", _modelPath, overwrite: true);
        var expected = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(seed)));
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (Json(await _server.Client.GetAsync("/model")).GetProperty("sha256").GetString() != expected)
        {
            Assert.True(DateTime.UtcNow < deadline, "the new model was not served within 30 s:\n" + _server.Log);
            await Task.Delay(100);
        }
        await Task.Delay(300);
        await stop.CancelAsync();
        await load;

        Assert.Equal(0, failures);
    }

    [SkippableFact]
    public void WebPage_ImageChosenInABrowser_ShowsTheRightClass()
    {
        using var browser = HeadlessChrome.Start();
        var (image, label) = WellClassifiedImage();

        browser.Navigate().GoToUrl(_server.Url);
        browser.FindElement(By.Id("files")).SendKeys(image);
        var card = new WebDriverWait(browser, TimeSpan.FromSeconds(30)).Until(d => d.FindElements(By.CssSelector(".result[data-label]")).FirstOrDefault());

        Assert.Equal(label, card.GetAttribute("data-label"));
        Assert.Equal(label, card.FindElement(By.CssSelector(".label")).Text);
        Assert.Equal(3, card.FindElements(By.CssSelector(".bar")).Count);
        Assert.Contains("10 classes", browser.FindElement(By.Id("model")).Text);
    }
}
