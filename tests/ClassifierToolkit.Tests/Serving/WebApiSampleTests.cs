using System.Diagnostics;
using System.Net;
using System.Text.Json;
using ClassifierToolkit.Prediction;
using ClassifierToolkit.Tests.Support;

namespace ClassifierToolkit.Tests.Serving;

/// <summary>samples/WebApi (the README's serving example) builds without TorchSharp and classifies over HTTP.</summary>
[Collection(ChildProcessTests.Name)]
public class WebApiSampleTests(ShippedModelFixture model) : IClassFixture<ShippedModelFixture>
{
    [Fact]
    public async Task WebApi_WithoutTorchSharp_ClassifiesAnUploadLikeTheToolkit()
    {
        var appFolder = SampleProject.Build("WebApi");
        var deps = await File.ReadAllTextAsync(Path.Combine(appFolder, "WebApi.deps.json"));
        Assert.DoesNotContain("TorchSharp", deps);
        Assert.Empty(Directory.GetFiles(appFolder, "*Torch*", SearchOption.AllDirectories));

        int port = CtkServer.FreePort();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = appFolder };
        foreach (var arg in new[] { Path.Combine(appFolder, "WebApi.dll"), "--Model", model.ModelPath, "--urls", $"http://127.0.0.1:{port}" }) start.ArgumentList.Add(arg);
        using var app = Process.Start(start)!;
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            var image = model.TestFiles[0].ImagePath;
            HttpResponseMessage? response = null;
            for (var deadline = DateTime.UtcNow.AddSeconds(60); response is null; await Task.Delay(200))
            {
                if (app.HasExited) Assert.Fail("the sample exited: " + await app.StandardError.ReadToEndAsync());
                Assert.True(DateTime.UtcNow < deadline, "the sample did not answer in 60 s");
                try { response = await client.PostAsync("/predict", new ByteArrayContent(await File.ReadAllBytesAsync(image))); }
                catch (HttpRequestException) { }
            }

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            using var classifier = ImageClassifier.Load(model.ModelPath);
            Assert.Equal(classifier.Predict(ImageData.FromFile(image)).PredictedLabel, body.GetProperty("predictedLabel").GetString());
            Assert.Equal(3, body.GetProperty("top").GetArrayLength());
        }
        finally
        {
            app.Kill(entireProcessTree: true);
            await app.WaitForExitAsync();
        }
    }
}
