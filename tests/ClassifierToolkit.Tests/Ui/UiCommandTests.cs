using System.Net;
using System.Text.Json;
using ClassifierToolkit.Tests.Support;

namespace ClassifierToolkit.Tests.Ui;

/// <summary><c>ctk ui</c> in its own process over loopback HTTP: the list of runs and studies, refusals as problem bodies, the token off loopback.</summary>
[Collection(ChildProcessTests.Name)]
public sealed class UiCommandTests : IClassFixture<UiSampleRoot>
{
    private readonly UiSampleRoot _sample;

    public UiCommandTests(UiSampleRoot sample) => _sample = sample;

    private static JsonElement Json(HttpResponseMessage response) => JsonDocument.Parse(response.Content.ReadAsStringAsync().Result).RootElement;

    [Fact]
    public async Task Items_ListTheRunsAndStudiesUnderTheRoot_NewestFirst()
    {
        using var ui = new CtkUi(_sample.Root);

        var items = Json(await ui.Client.GetAsync("/api/items"));

        var runs = items.GetProperty("runs").EnumerateArray().ToList();
        Assert.Equal(["search", "train"], runs.Select(r => r.GetProperty("id").GetString()).Order());
        var train = runs.Single(r => r.GetProperty("id").GetString() == "train");
        Assert.Equal("train", train.GetProperty("kind").GetString());
        Assert.Equal("train/model.zip", train.GetProperty("model").GetString());
        Assert.InRange(train.GetProperty("accuracy").GetDouble(), 0.0, 1.0);
        Assert.Equal("automl", runs.Single(r => r.GetProperty("id").GetString() == "search").GetProperty("kind").GetString());
        var modified = runs.Select(r => r.GetProperty("modifiedUtc").GetDateTime()).ToList();
        Assert.Equal(modified.OrderDescending(), modified);
        var study = Assert.Single(items.GetProperty("studies").EnumerateArray());
        Assert.Equal("search/experiment.db", study.GetProperty("id").GetString());
        Assert.Equal("finished", study.GetProperty("state").GetString());
        Assert.Equal(2, study.GetProperty("trials").GetInt32());
    }

    [Fact]
    public async Task SeveralBrowsersAtOnce_EveryAnswerIsTheSameAsAlone()
    {
        using var ui = new CtkUi(_sample.Root);
        // What one client gets alone: a few test pictures and the model's answer for each.
        var rows = Enumerable.Range(0, 6).ToList();
        var alone = new Dictionary<int, (byte[] Png, string Answer)>();
        foreach (var row in rows) alone[row] = await PictureAndAnswerAsync(ui, row);

        // Live study pages stay open (server-sent events) while many clients read runs, pictures and predictions at once.
        var streams = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            ui.Client.GetAsync("/api/study/events?store=search/experiment.db&study=ui-search", HttpCompletionOption.ResponseHeadersRead)));
        var together = await Task.WhenAll(Enumerable.Range(0, 24).Select(async i =>
        {
            var items = await ui.Client.GetAsync("/api/items");
            return (Row: rows[i % rows.Count], Items: items.StatusCode, Result: await PictureAndAnswerAsync(ui, rows[i % rows.Count]));
        }));

        Assert.All(streams, s => Assert.Equal(HttpStatusCode.OK, s.StatusCode));
        Assert.All(together, t =>
        {
            Assert.Equal(HttpStatusCode.OK, t.Items);
            Assert.Equal(alone[t.Row].Png, t.Result.Png);
            Assert.Equal(alone[t.Row].Answer, t.Result.Answer);
        });
        foreach (var stream in streams) stream.Dispose();
    }

    private static async Task<(byte[] Png, string Answer)> PictureAndAnswerAsync(CtkUi ui, int row)
    {
        var image = await ui.Client.GetAsync($"/api/run/image?run=train&row={row}");
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        var png = await image.Content.ReadAsByteArrayAsync();
        using var form = new MultipartFormDataContent { { new ByteArrayContent(png), "images", $"row-{row}.png" } };
        var answer = await ui.Client.PostAsync("/api/run/predict?run=train&top=1", form);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        return (png, Json(answer).GetProperty("predictions")[0].GetProperty("predictedLabel").GetString()!);
    }

    [Theory]
    [InlineData("/nope", 404, "not part of ctk ui")]
    [InlineData("/assets/missing.js", 404, "not one of this page's files")]
    public async Task UnknownRequests_GetAProblemThatSaysWhatIsWrong(string path, int status, string message)
    {
        using var ui = new CtkUi(_sample.Root);

        var response = await ui.Client.GetAsync(path);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(message, Json(response).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task BoundBeyondLoopback_EveryRequestNeedsThePrintedToken()
    {
        using var ui = new CtkUi(_sample.Root, "--host", "0.0.0.0", "--token", "s3cret-token");

        var without = await ui.Client.GetAsync("/api/items");
        var wrong = await ui.Client.GetAsync("/api/items?token=guess");
        var with = await ui.Client.GetAsync("/?token=s3cret-token");
        using var bearer = new HttpRequestMessage(HttpMethod.Get, "/api/items") { Headers = { { "Authorization", "Bearer s3cret-token" } } };
        var withBearer = await ui.Client.SendAsync(bearer);

        Assert.Equal(HttpStatusCode.Unauthorized, without.StatusCode);
        Assert.Contains("token", Json(without).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, with.StatusCode);
        Assert.Contains(with.Headers.GetValues("Set-Cookie"), c => c.StartsWith("ctk-ui-token=", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, withBearer.StatusCode);
    }

    [Fact]
    public void RandomTokenOffLoopback_IsPrintedAtStart()
    {
        using var ui = new CtkUi(_sample.Root, "--host", "0.0.0.0");

        Assert.Matches("token [0-9a-f]{32}", ui.Log);
    }
}
