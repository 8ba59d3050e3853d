using System.Net;
using System.Text.Json;
using ClassifierToolkit.AutoML.Storage;
using ClassifierToolkit.AutoML.Trials;
using ClassifierToolkit.Tests.Support;
using ClassifierToolkit.Training;

namespace ClassifierToolkit.Tests.Ui;

/// <summary><c>ctk ui</c>'s study API over loopback HTTP, on the sample root's finished two-trial study <c>ui-search</c>.</summary>
[Collection(ChildProcessTests.Name)]
public sealed class StudyApiTests : IClassFixture<UiSampleRoot>
{
    private const string Query = "store=search/experiment.db&study=ui-search";
    private readonly UiSampleRoot _sample;

    public StudyApiTests(UiSampleRoot sample) => _sample = sample;

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) => JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    [Fact]
    public async Task Study_HasEveryTrialRankedWithBestSoFarParametersImportanceAndEpochs()
    {
        using var ui = new CtkUi(_sample.Root);

        var response = await ui.Client.GetAsync("/api/study?" + Query);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var study = await JsonAsync(response);
        Assert.Equal(("ui-search", "finished", 2), (study.GetProperty("summary").GetProperty("study").GetString(),
            study.GetProperty("summary").GetProperty("state").GetString(), study.GetProperty("summary").GetProperty("trials").GetInt32()));
        Assert.Equal(2, study.GetProperty("states").GetProperty("complete").GetInt32());
        var rows = study.GetProperty("leaderboard").EnumerateArray().ToList();
        Assert.Equal([1, 2], rows.Select(r => r.GetProperty("rank").GetInt32()));
        Assert.Equal([1, 2], rows.Select(r => r.GetProperty("number").GetInt32()).Order());
        Assert.True(rows[0].GetProperty("bestValAccuracy").GetDouble() >= rows[1].GetProperty("bestValAccuracy").GetDouble());
        Assert.Equal(rows[0].GetProperty("number").GetInt32(), study.GetProperty("bestTrial").GetInt32());
        Assert.All(rows, r => Assert.Equal(("complete", 2, "tuner"), (r.GetProperty("state").GetString(), r.GetProperty("epochs").GetInt32(), r.GetProperty("source").GetString())));
        Assert.All(rows, r => Assert.InRange(r.GetProperty("parameters").GetProperty("training.learningRate").GetDouble(), 0.0005, 0.005));
        // Best so far: one point per finished trial, never falling, ending at the best trial's accuracy.
        var best = study.GetProperty("bestSoFar").EnumerateArray().Select(p => p[1].GetDouble()).ToList();
        Assert.Equal(2, best.Count);
        Assert.True(best[1] >= best[0]);
        Assert.Equal(rows[0].GetProperty("bestValAccuracy").GetDouble(), best[^1], 9);
        var parameter = Assert.Single(study.GetProperty("parameters").EnumerateArray());
        Assert.Equal(("training.learningRate", true, 2), (parameter.GetProperty("path").GetString(), parameter.GetProperty("numeric").GetBoolean(),
            parameter.GetProperty("points").GetArrayLength()));
        var importance = Assert.Single(study.GetProperty("importance").EnumerateArray());
        Assert.Equal(("training.learningRate", 2), (importance.GetProperty("path").GetString(), importance.GetProperty("trials").GetInt32()));
        Assert.InRange(importance.GetProperty("importance").GetDouble(), 0, 1);
        Assert.All(study.GetProperty("epochs").EnumerateArray(), c => Assert.Equal([1.0, 2.0], c.GetProperty("points").EnumerateArray().Select(p => p[0].GetDouble())));
    }

    [Fact]
    public async Task Events_SendTheStudyAtOnceAsAServerSentEvent()
    {
        using var ui = new CtkUi(_sample.Root);

        using var response = await ui.Client.GetAsync("/api/study/events?" + Query, HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var line = await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("data: ", line);
        var study = JsonDocument.Parse(line!["data: ".Length..]).RootElement;
        Assert.Equal(2, study.GetProperty("leaderboard").GetArrayLength());
        Assert.Equal("", await reader.ReadLineAsync());
    }

    [Fact]
    public async Task Stop_AFinishedStudy_IsAConflictThatSaysSoAndChangesNothing()
    {
        using var ui = new CtkUi(_sample.Root);

        var response = await ui.Client.PostAsync("/api/study/stop?" + Query, null);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("not running", (await JsonAsync(response)).GetProperty("detail").GetString());
        Assert.False((await JsonAsync(await ui.Client.GetAsync("/api/study?" + Query))).GetProperty("stopRequested").GetBoolean());
    }

    [Fact]
    public async Task BadRequests_AreRefusedWithAProblemThatSaysWhatToFix()
    {
        using var ui = new CtkUi(_sample.Root);
        (HttpMethod Method, string Url, int Status, string Detail)[] cases =
        [
            (HttpMethod.Get, "/api/study?study=ui-search", 400, "?store="),
            (HttpMethod.Get, "/api/study?store=search/experiment.db", 400, "?study="),
            (HttpMethod.Get, "/api/study?store=../elsewhere/experiment.db&study=ui-search", 403, ".."),
            (HttpMethod.Get, "/api/study?store=train/metrics.json&study=ui-search", 404, "not a study file"),
            (HttpMethod.Get, "/api/study?store=search/experiment.db&study=nope", 404, "its studies are 'ui-search'"),
            (HttpMethod.Get, "/api/study?store=postgres&study=ui-search", 404, "--storage"),
            (HttpMethod.Get, "/api/study/events?store=search/experiment.db&study=nope", 404, "no study 'nope'"),
            (HttpMethod.Post, "/api/study/stop?store=/etc&study=ui-search", 403, "absolute"),
            (HttpMethod.Post, "/api/study/stop?store=search/experiment.db", 400, "?study="),
        ];
        foreach (var (method, url, status, detail) in cases)
        {
            var response = await ui.Client.SendAsync(new HttpRequestMessage(method, url));

            Assert.True(status == (int)response.StatusCode, $"{method} {url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains(detail, (await JsonAsync(response)).GetProperty("detail").GetString());
        }
    }

    [SkippableFact]
    public async Task Study_InThePostgresStorage_IsReadThroughThePostgresStoreId()
    {
        var connection = Environment.GetEnvironmentVariable("CTK_TEST_POSTGRES");
        if (connection is null && Environment.GetEnvironmentVariable("CI") == "true")
            Assert.Fail("CTK_TEST_POSTGRES is not set: run build/postgres-test-server.sh start and export its output.");
        Skip.If(connection is null, "CTK_TEST_POSTGRES is not set (build/postgres-test-server.sh start prints it).");
        var name = "ui-" + Guid.NewGuid().ToString("N")[..8];
        await using (var store = await ExperimentStores.OpenAsync(connection, "unused.db"))
        {
            await store.CreateStudyAsync(new StudyDefinition(name, """{"version":1}""", "random", """{"kind":"none"}""", 1, "valAccuracy"),
                new StudyControl(null, null, null, false));
            var trial = (await store.StartTrialAsync(name, "test:1", _ => new TrialProposal(ParameterSet.Empty.With("training.learningRate", ParameterValue.Of(0.001)))))!;
            await store.ReportEpochAsync(name, trial.Number, new EpochMetrics(1, 0.5, 0.4, 0.8, 1, 0.001));
            await store.FinishTrialAsync(name, trial.Number, new TrialOutcome(TrialState.Complete, 0.8));
        }
        using var ui = new CtkUi(_sample.Root, "--storage", connection!);

        var study = await JsonAsync(await ui.Client.GetAsync($"/api/study?store=postgres&study={name}"));

        Assert.Equal(("postgres", 1), (study.GetProperty("summary").GetProperty("id").GetString(), study.GetProperty("leaderboard").GetArrayLength()));
        Assert.Equal(0.8, study.GetProperty("bestSoFar")[0][1].GetDouble());
    }
}
