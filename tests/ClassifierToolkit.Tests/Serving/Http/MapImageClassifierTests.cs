using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using ClassifierToolkit.Serving;
using ClassifierToolkit.Serving.Http;
using ClassifierToolkit.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ClassifierToolkit.Tests.Serving.Http;

/// <summary><c>app.MapImageClassifier</c> on a real Kestrel on 127.0.0.1, driven by a real HTTP client.</summary>
public sealed class MapImageClassifierTests(ShippedModelFixture model) : IClassFixture<ShippedModelFixture>
{
    private const string ModelName = "fashion";

    private byte[] Image(int index = 0) => File.ReadAllBytes(model.TestFiles[index].ImagePath);

    [Fact]
    public async Task Predict_ImageAsBodyOrFormFile_AnswersThePoolsPrediction()
    {
        await using var server = await Server.StartAsync(model.ModelPath, app => app.MapImageClassifier(ModelName));
        var expected = server.Pool.Predict(ModelName, model.TestFiles[0].ImagePath);
        using var form = new MultipartFormDataContent { { new ByteArrayContent(Image()), "image", "shirt.png" } };

        var fromBody = await server.JsonAsync(await server.Client.PostAsync("/predict", new ByteArrayContent(Image())));
        var fromForm = await server.JsonAsync(await server.Client.PostAsync("/predict?top=10", form));

        Assert.Equal("body", fromBody.GetProperty("name").GetString());
        Assert.Equal("shirt.png", fromForm.GetProperty("name").GetString());
        foreach (var (answer, count) in new[] { (fromBody, 3), (fromForm, 10) })
        {
            Assert.Equal(expected.PredictedLabel, answer.GetProperty("predictedLabel").GetString());
            Assert.Equal(expected.Top(count).Select(c => (c.ClassName, c.Probability)),
                answer.GetProperty("top").EnumerateArray().Select(c => (c.GetProperty("className").GetString()!, c.GetProperty("probability").GetSingle())));
        }
    }

    [Fact]
    public async Task PredictBatch_Files_AnswersThePoolsPredictionsInTheFilesOrder()
    {
        await using var server = await Server.StartAsync(model.ModelPath, app => app.MapImageClassifier(ModelName));
        using var form = new MultipartFormDataContent();
        foreach (var file in model.TestFiles.Take(4)) form.Add(new ByteArrayContent(File.ReadAllBytes(file.ImagePath)), "images", Path.GetFileName(file.ImagePath));

        var answer = await server.JsonAsync(await server.Client.PostAsync("/predict/batch", form));

        var predictions = answer.GetProperty("predictions").EnumerateArray().ToList();
        Assert.Equal(model.TestFiles.Take(4).Select(f => Path.GetFileName(f.ImagePath)), predictions.Select(p => p.GetProperty("name").GetString()));
        Assert.Equal(model.TestFiles.Take(4).Select(f => server.Pool.Predict(ModelName, f.ImagePath).PredictedLabel),
            predictions.Select(p => p.GetProperty("predictedLabel").GetString()));
    }

    [Theory]
    [InlineData("empty", "Empty image", "'body' is empty (0 bytes): send the image file's bytes as the body (curl --data-binary @shirt.png)")]
    [InlineData("text", "Not an image", "'body' could not be read as an image (PNG, JPEG, BMP, GIF or WEBP)")]
    [InlineData("form-without-file", "No image in the form", "attach the image as a file field (e.g. curl -F image=@shirt.png)")]
    [InlineData("two-files", "One image expected", "/predict takes one image; this request has 2. Send several to /predict/batch.")]
    [InlineData("empty-file", "Empty image", "'shirt.png' is empty (0 bytes)")]
    public async Task Predict_BadUpload_Answers400ProblemDetailsSayingHowToFixIt(string kind, string title, string detail)
    {
        await using var server = await Server.StartAsync(model.ModelPath, app => app.MapImageClassifier(ModelName));
        using HttpContent content = kind switch
        {
            "empty" => new ByteArrayContent([]),
            "text" => new StringContent("not an image"),
            "form-without-file" => new MultipartFormDataContent { { new StringContent("x"), "field" } },
            "two-files" => new MultipartFormDataContent { { new ByteArrayContent(Image(0)), "a", "a.png" }, { new ByteArrayContent(Image(1)), "b", "b.png" } },
            _ => new MultipartFormDataContent { { new ByteArrayContent([]), "image", "shirt.png" } },
        };

        var response = await server.Client.PostAsync("/predict", content);

        await server.AssertProblemAsync(response, HttpStatusCode.BadRequest, title, detail);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("11")]
    [InlineData("three")]
    public async Task Predict_TopOutOfRange_Answers400NamingTheRange(string top)
    {
        await using var server = await Server.StartAsync(model.ModelPath, app => app.MapImageClassifier(ModelName));

        var response = await server.Client.PostAsync($"/predict?top={top}", new ByteArrayContent(Image()));

        await server.AssertProblemAsync(response, HttpStatusCode.BadRequest, "Invalid top", $"top={top} is not a class count between 1 and 10: ask for ?top=1 to ?top=10");
    }

    [Fact]
    public async Task Predict_OverMaxRequestBytes_Answers413()
    {
        await using var server = await Server.StartAsync(model.ModelPath,
            app => app.MapImageClassifier(ModelName, new ImageClassifierEndpointOptions { MaxRequestBytes = 64 * 1024 }));

        var tooLarge = await server.Client.PostAsync("/predict", new ByteArrayContent(new byte[256 * 1024]));
        var small = await server.Client.PostAsync("/predict", new ByteArrayContent(Image()));

        await server.AssertProblemAsync(tooLarge, HttpStatusCode.RequestEntityTooLarge, "Request too large", "larger than this server accepts");
        Assert.Equal(HttpStatusCode.OK, small.StatusCode);
    }

    [Fact]
    public async Task Options_RoutePrefixAndDefaultTop_MapTheRoutesThere()
    {
        await using var server = await Server.StartAsync(model.ModelPath,
            app => app.MapImageClassifier(ModelName, new ImageClassifierEndpointOptions { RoutePrefix = "/models/fashion/", DefaultTop = 5 }));

        var prediction = await server.JsonAsync(await server.Client.PostAsync("/models/fashion/predict", new ByteArrayContent(Image())));
        var health = await server.Client.GetAsync("/models/fashion/health");
        var atTheRoot = await server.Client.PostAsync("/predict", new ByteArrayContent(Image()));

        Assert.Equal(5, prediction.GetProperty("top").GetArrayLength());
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, atTheRoot.StatusCode);
    }

    [Fact]
    public async Task Model_DescribesTheServedFile()
    {
        await using var server = await Server.StartAsync(model.ModelPath, app => app.MapImageClassifier(ModelName));

        var answer = await server.JsonAsync(await server.Client.GetAsync("/model"));

        Assert.Equal(ModelName, answer.GetProperty("name").GetString());
        Assert.Equal(Path.GetFullPath(model.ModelPath), answer.GetProperty("path").GetString());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(model.ModelPath))), answer.GetProperty("sha256").GetString());
        Assert.Equal(server.Pool.Describe(ModelName).ClassNames, answer.GetProperty("classes").EnumerateArray().Select(c => c.GetString()!));
        Assert.Equal([1, 28, 28], new[] { "channels", "height", "width" }.Select(p => answer.GetProperty(p).GetInt32()));
    }

    [Fact]
    public async Task UnknownModel_Answers404NamingThePoolsModels()
    {
        await using var server = await Server.StartAsync(model.ModelPath, app => app.MapImageClassifier("shoes"));

        var response = await server.Client.PostAsync("/predict", new ByteArrayContent(Image()));

        await server.AssertProblemAsync(response, HttpStatusCode.NotFound, "Unknown model", $"No model named 'shoes' in the pool. Its models: {ModelName}.");
    }

    [Fact]
    public async Task ReturnedGroup_TakesTheAppsConventions()
    {
        await using var server = await Server.StartAsync(model.ModelPath, app => app.MapImageClassifier(ModelName)
            .AddEndpointFilter((context, next) => context.HttpContext.Request.Headers.ContainsKey("X-Key") ? next(context) : ValueTask.FromResult<object?>(Results.Unauthorized())));

        var without = await server.Client.PostAsync("/predict", new ByteArrayContent(Image()));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/predict") { Content = new ByteArrayContent(Image()), Headers = { { "X-Key", "1" } } };
        var with = await server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, without.StatusCode);
        Assert.Equal(HttpStatusCode.OK, with.StatusCode);
    }

    [Fact]
    public void Map_AppWithoutAPool_ThrowsSayingToAddIt()
    {
        var app = WebApplication.CreateSlimBuilder().Build();

        var error = Assert.Throws<InvalidOperationException>(() => app.MapImageClassifier(ModelName));

        Assert.Contains($"call builder.Services.AddImageClassifier(\"{ModelName}\", \"model.zip\")", error.Message);
    }

    [Fact]
    public void Options_BadValues_AreRefusedWhenSet()
    {
        Assert.Contains("must start with '/' (e.g. '/fashion')", Assert.Throws<ArgumentException>(() => new ImageClassifierEndpointOptions { RoutePrefix = "fashion" }).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ImageClassifierEndpointOptions { DefaultTop = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new ImageClassifierEndpointOptions { MaxRequestBytes = 0 });
    }

    /// <summary>An app serving the model as <see cref="ModelName"/> on a free loopback port, its routes mapped by the test.</summary>
    private sealed class Server(WebApplication app) : IAsyncDisposable
    {
        public HttpClient Client { get; } = new() { BaseAddress = new Uri(app.Urls.Single()), Timeout = TimeSpan.FromSeconds(30) };
        public ImageClassifierPool Pool => app.Services.GetRequiredService<ImageClassifierPool>();

        public static async Task<Server> StartAsync(string modelPath, Func<WebApplication, IEndpointConventionBuilder> map)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Services.AddImageClassifier(ModelName, modelPath);
            var app = builder.Build();
            map(app);
            await app.StartAsync();
            return new Server(app);
        }

        public async Task<JsonElement> JsonAsync(HttpResponseMessage response)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
            return JsonDocument.Parse(body).RootElement;
        }

        public async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string title, string detail)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = JsonDocument.Parse(body).RootElement;
            Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
            Assert.Equal(title, problem.GetProperty("title").GetString());
            Assert.Contains(detail, problem.GetProperty("detail").GetString());
        }

        public async ValueTask DisposeAsync()
        {
            Client.Dispose();
            await app.DisposeAsync();
        }
    }
}
