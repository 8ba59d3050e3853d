using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using ClassifierToolkit.Evaluation;
using ClassifierToolkit.IO;
using ClassifierToolkit.Prediction;
using ClassifierToolkit.Tests.Support;
using OpenQA.Selenium;
using OpenQA.Selenium.Support.UI;

namespace ClassifierToolkit.Tests.Ui;

/// <summary>The run page over a real <c>ctk ui</c> on the sample root's <c>train/</c> run (Fashion-MNIST IDX data: its test images
/// are in memory, so their pictures come from the test set read again): its API, and the page in headless chromium. One class, so
/// the sample root is made once.</summary>
[Collection(ChildProcessTests.Name)]
public sealed class RunPageTests : IClassFixture<UiSampleRoot>
{
    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];
    private readonly UiSampleRoot _sample;

    public RunPageTests(UiSampleRoot sample) => _sample = sample;

    private string RunFolder => Path.Combine(_sample.Root, "train");

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    [Fact]
    public void TrainRun_PredictionsCsv_AgreesWithTheConfusionMatrix()
    {
        var metrics = MetricsJson.Read(Path.Combine(RunFolder, "metrics.json"));
        var predictions = PredictionsCsv.Read(Path.Combine(RunFolder, PredictionsCsv.FileName));

        Assert.Equal(metrics.TestImages, predictions.Count);
        Assert.All(predictions, p => Assert.Null(p.ImagePath));
        for (int t = 0; t < metrics.Classes.Count; t++)
            for (int p = 0; p < metrics.Classes.Count; p++)
                Assert.Equal(metrics.ConfusionMatrix[t][p], predictions.Count(x => x.TrueLabel == metrics.Classes[t] && x.PredictedLabel == metrics.Classes[p]));
        Assert.All(metrics.TopLosses, loss => Assert.Equal(loss.TrueProbability, predictions[loss.Index].TrueProbability));
    }

    [Fact]
    public async Task Run_CellImageAndModel_AreTheRunsOwn()
    {
        using var ui = new CtkUi(_sample.Root);
        var metrics = MetricsJson.Read(Path.Combine(RunFolder, "metrics.json"));
        var predictions = PredictionsCsv.Read(Path.Combine(RunFolder, PredictionsCsv.FileName));

        var run = await JsonAsync(await ui.Client.GetAsync("/api/run?run=train"));
        Assert.Equal(metrics.Classes, run.GetProperty("metrics").GetProperty("classes").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(metrics.MicroAccuracy, run.GetProperty("metrics").GetProperty("microAccuracy").GetDouble());
        Assert.Equal(JsonValueKind.Null, run.GetProperty("cellsProblem").ValueKind);
        var model = run.GetProperty("model");
        Assert.Equal([0.5f], model.GetProperty("mean").EnumerateArray().Select(v => v.GetSingle()));
        var recall = run.GetProperty("perClass")[0].GetProperty("recall").GetDouble();
        Assert.Equal((double)metrics.ConfusionMatrix[0][0] / metrics.ConfusionMatrix[0].Sum(), recall, 12);

        // The first off-diagonal cell with images: exactly the rows predictions.csv gives it.
        var (t, p) = (from i in Enumerable.Range(0, metrics.Classes.Count) from j in Enumerable.Range(0, metrics.Classes.Count)
                      where i != j && metrics.ConfusionMatrix[i][j] > 0 select (i, j)).First();
        var cell = await JsonAsync(await ui.Client.GetAsync($"/api/run/cell?run=train&true={t}&predicted={p}"));
        var expected = predictions.Where(x => x.TrueLabel == metrics.Classes[t] && x.PredictedLabel == metrics.Classes[p]).Select(x => x.Row).Order();
        Assert.Equal(metrics.ConfusionMatrix[t][p], cell.GetProperty("count").GetInt64());
        Assert.Equal(expected, cell.GetProperty("images").EnumerateArray().Select(i => i.GetProperty("row").GetInt32()).Order());

        var image = await ui.Client.GetAsync($"/api/run/image?run=train&row={expected.First()}");
        Assert.Equal("image/png", image.Content.Headers.ContentType?.MediaType);
        var png = await image.Content.ReadAsByteArrayAsync();
        Assert.Equal(PngSignature, png.Take(8));

        var download = await ui.Client.GetAsync("/api/run/model?run=train");
        var zip = await download.Content.ReadAsByteArrayAsync();
        Assert.Equal("train-model.zip", download.Content.Headers.ContentDisposition?.FileName);
        Assert.Equal(ContentHash.OfFile(Path.Combine(RunFolder, "model.zip")), Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(zip)));
        Assert.Equal(model.GetProperty("sha256").GetString(), Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(zip)));

        // "Try it" on that very picture answers as the model does in process.
        using var form = new MultipartFormDataContent();
        var upload = new ByteArrayContent(png);
        upload.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        form.Add(upload, "images", "row.png");
        var predicted = await JsonAsync(await ui.Client.PostAsync("/api/run/predict?run=train&top=3", form));
        using var classifier = ImageClassifier.Load(Path.Combine(RunFolder, "model.zip"));
        var answer = Assert.Single(predicted.GetProperty("predictions").EnumerateArray());
        Assert.Equal(classifier.Predict(ImageData.FromBytes(png, "row.png")).PredictedLabel, answer.GetProperty("predictedLabel").GetString());
        Assert.Equal(3, answer.GetProperty("top").GetArrayLength());
    }

    [Fact]
    public async Task BadRequests_AreRefusedWithProblemsThatSayWhy()
    {
        using var ui = new CtkUi(_sample.Root);
        var notAnImage = new MultipartFormDataContent { { new StringContent("not a picture"), "images", "notes.txt" } };

        (HttpResponseMessage Response, HttpStatusCode Status, string Detail)[] cases =
        [
            (await ui.Client.GetAsync("/api/run?run=../x"), HttpStatusCode.Forbidden, ".."),
            (await ui.Client.GetAsync("/api/run?run=nope"), HttpStatusCode.NotFound, "no run 'nope'"),
            (await ui.Client.GetAsync("/api/run/image?run=train&row=100000"), HttpStatusCode.NotFound, "rows run from 0 to"),
            (await ui.Client.GetAsync("/api/run/image?run=train&row=x"), HttpStatusCode.BadRequest, "row"),
            (await ui.Client.GetAsync("/api/run/cell?run=train&true=42&predicted=0"), HttpStatusCode.BadRequest, "class index from 0 to 9"),
            (await ui.Client.GetAsync("/api/run/model?run=/etc"), HttpStatusCode.Forbidden, "absolute"),
            (await ui.Client.PostAsync("/api/run/predict?run=train", notAnImage), HttpStatusCode.BadRequest, "notes.txt"),
        ];

        foreach (var (response, status, detail) in cases)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(status == response.StatusCode, $"{response.RequestMessage!.RequestUri}: expected {status}, got {response.StatusCode}: {body}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains(detail, JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString());
        }
    }

    [SkippableFact]
    public void ConfusionMatrixCell_OpensItsImages()
    {
        using var browser = HeadlessChrome.Start(1400, 1500);
        using var ui = new CtkUi(_sample.Root);

        browser.Navigate().GoToUrl(ui.Url);
        browser.WaitFor(By.CssSelector("#runs tr[data-id='train'] a")).Click();
        browser.WaitFor(By.Id("confusion"));
        // The fullest mistake: the most telling picture of what the model confuses.
        var cell = browser.FindElements(By.CssSelector("#confusion td.cell.link")).Where(c => c.GetAttribute("data-true") != c.GetAttribute("data-predicted"))
            .MaxBy(c => int.Parse(c.GetAttribute("data-count")!))!;
        int count = int.Parse(cell.GetAttribute("data-count")!);
        cell.Click();
        var thumbs = new WebDriverWait(browser, TimeSpan.FromSeconds(30)).Until(d =>
        {
            var images = d.FindElements(By.CssSelector("#cell-images figure img"));
            // Loaded pictures only: each one's PNG came back and decoded.
            return images.Count > 0 && images.All(i => (bool)((IJavaScriptExecutor)d).ExecuteScript("return arguments[0].complete && arguments[0].naturalWidth > 0", i)!) ? images : null;
        });

        Assert.Equal(count, thumbs.Count);
        Assert.Contains($"{count} image", browser.FindElement(By.CssSelector("#cell-view h3")).Text);
        Assert.Contains("Model", browser.FindElement(By.CssSelector("table.model-card")).FindElement(By.XPath("..")).Text);
        ((IJavaScriptExecutor)browser).ExecuteScript("document.getElementById('confusion').closest('section').scrollIntoView()");
        browser.Screenshot("ui-run");
    }
}
