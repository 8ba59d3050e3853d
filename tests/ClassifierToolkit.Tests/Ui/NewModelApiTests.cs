using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ClassifierToolkit.Tests.Support;

namespace ClassifierToolkit.Tests.Ui;

/// <summary>The new-model page's API over a real <c>ctk ui</c>: the form's checks (every path kept inside the root), the background
/// <c>ctk new</c>'s life (started, shared, cancelled) and the generated projects (listed, read, zipped).</summary>
[Collection(ChildProcessTests.Name)]
public sealed class NewModelApiTests : IClassFixture<NewModelRoot>
{
    private readonly NewModelRoot _root;

    public NewModelApiTests(NewModelRoot root) => _root = root;

    private HttpClient Client => _root.Ui.Client;

    private static async Task<JsonElement> JsonOf(HttpResponseMessage response) => JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    private static async Task<string> Detail(HttpResponseMessage response) => (await JsonOf(response)).GetProperty("detail").GetString()!;

    private Task<HttpResponseMessage> Post(object form) => Client.PostAsJsonAsync("/api/new", form);

    [Fact]
    public async Task Post_PathsLeadingOutOfTheRoot_AreRefusedWithTheReason()
    {
        var climbing = await Post(new { data = "../outside", trainTime = "2m" });
        var absolute = await Post(new { data = _root.Outside, trainTime = "2m" });
        var linked = await Post(new { data = "linked", trainTime = "2m" });
        var output = await Post(new { data = "photos", trainTime = "2m", output = "photos/../../escaped" });
        var weights = await Post(new { data = "photos", trainTime = "2m", weights = "/etc/passwd" });

        Assert.All(new[] { climbing, absolute, linked, output, weights }, r => Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode));
        Assert.Contains("data folder '../outside' climbs out with '..'", await Detail(climbing));
        Assert.Contains("is absolute; give it relative to the root", await Detail(absolute));
        Assert.Contains("goes through the link 'linked', which leads outside the root", await Detail(linked));
        Assert.Contains("output folder 'photos/../../escaped' climbs out", await Detail(output));
        Assert.Contains("weights file '/etc/passwd' is absolute", await Detail(weights));
        Assert.False(Directory.Exists(Path.Combine(Path.GetDirectoryName(_root.Root)!, "escaped")));
    }

    [Fact]
    public async Task Post_WrongForms_Get4xxThatSayWhatToFix()
    {
        var missing = await Post(new { data = "no-such-photos", trainTime = "2m" });
        var noData = await Post(new { trainTime = "2m" });
        var badTime = await Post(new { data = "photos", trainTime = "soon" });
        var shortTime = await Post(new { data = "photos", trainTime = "5s" });
        var badName = await Post(new { data = "photos", trainTime = "2m", name = "!!!" });
        var taken = await Post(new { data = "photos", trainTime = "2m", output = NewModelRoot.Projects });
        var insideData = await Post(new { data = "photos", trainTime = "2m", output = "photos/model" });
        var malformed = await Client.PostAsync("/api/new", new StringContent("{ \"data\": ", Encoding.UTF8, "application/json"));
        var wrongType = await Client.PostAsync("/api/new", new StringContent("{ \"data\": 5 }", Encoding.UTF8, "application/json"));
        var notJson = await Client.PostAsync("/api/new", new StringContent("data=photos", Encoding.UTF8, "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("data folder 'no-such-photos' does not exist under the root", await Detail(missing));
        Assert.Contains("Give the data folder", await Detail(noData));
        Assert.Contains("'soon' is not a duration; write e.g. 30m", await Detail(badTime));
        Assert.Contains("give at least 20s", await Detail(shortTime));
        Assert.Contains("has no letters or digits", await Detail(badName));
        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
        Assert.Contains("'models/Shipped' holds files already", await Detail(taken));
        Assert.Equal(HttpStatusCode.Conflict, insideData.StatusCode);
        Assert.Contains("lies inside the data", await Detail(insideData));
        Assert.All(new[] { noData, badTime, shortTime, badName, malformed, wrongType, notJson }, r => Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode));
        Assert.Contains("not the JSON expected", await Detail(malformed));
        Assert.Contains("Send the form as JSON", await Detail(notJson));
        Assert.False(Directory.Exists(Path.Combine(_root.Root, "photos", "model")));
    }

    [Fact]
    public async Task Options_SuggestTheDataFoldersUnderTheRoot_NotThoseBehindLinks()
    {
        var options = await JsonOf(await Client.GetAsync("/api/new/options"));

        var folder = Assert.Single(options.GetProperty("folders").EnumerateArray());
        Assert.Equal("photos", folder.GetProperty("path").GetString());
        Assert.Equal(3, folder.GetProperty("classes").GetInt32());
        Assert.Equal(["auto", "imagenet", "none"], options.GetProperty("weights").EnumerateArray().Select(w => w.GetString()));
    }

    [Fact]
    public async Task Job_IsSharedBetweenBrowsers_OwnsItsFolder_AndStopsWhenCancelled()
    {
        var started = await Post(new { data = "photos", trainTime = "10m", weights = "none", name = "cancel me" });
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var job = await JsonOf(started);
        var id = job.GetProperty("id").GetString()!;
        // Another browser, the same output folder while the first run writes into it.
        var second = await Post(new { data = "photos", trainTime = "10m", name = "CancelMe" });
        var listed = await JsonOf(await Client.GetAsync("/api/new/jobs"));
        var searching = await Until(id, j => j.GetProperty("phase").GetString() == "searching", TimeSpan.FromSeconds(60));
        var stopping = await JsonOf(await Client.PostAsync($"/api/new/cancel?id={id}", null));
        var cancelled = await Until(id, j => j.GetProperty("state").GetString() != "stopping", TimeSpan.FromSeconds(30));
        var unknown = await Client.GetAsync("/api/new/job?id=999");
        var noId = await Client.GetAsync("/api/new/job");

        Assert.Equal("CancelMe", job.GetProperty("name").GetString());
        Assert.Equal("models/CancelMe", job.GetProperty("output").GetString());
        Assert.Equal("running", job.GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Contains($"Run {id} is writing into 'models/CancelMe' already", await Detail(second));
        Assert.Contains(listed.EnumerateArray(), j => j.GetProperty("id").GetString() == id);
        Assert.Contains(stopping.GetProperty("state").GetString(), new[] { "stopping", "cancelled" });
        Assert.Equal("cancelled", cancelled.GetProperty("state").GetString());
        Assert.Equal("searching", searching.GetProperty("phase").GetString());
        var lines = cancelled.GetProperty("lines").EnumerateArray().Select(l => l.GetString()).ToList();
        Assert.Contains("Cancelling: asked to stop from the page.", lines);
        // Stopped as Ctrl+C stops it, not killed: ctk says so itself.
        Assert.Contains("error: cancelled; nothing was saved.", lines);
        Assert.False(File.Exists(Path.Combine(_root.Root, "models", "CancelMe", "CancelMe.zip")));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("There is no new-model run '999'", await Detail(unknown));
        Assert.Equal(HttpStatusCode.BadRequest, noId.StatusCode);
    }

    // The job's view once it satisfies done, polled as the page does.
    private async Task<JsonElement> Until(string id, Func<JsonElement, bool> done, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var job = await JsonOf(await Client.GetAsync($"/api/new/job?id={id}"));
            if (done(job) || DateTime.UtcNow > deadline) return job;
            await Task.Delay(200);
        }
    }

    [Fact]
    public async Task Projects_AreListedReadAndZipped_WithoutBuildOutput()
    {
        var files = await JsonOf(await Client.GetAsync($"/api/new/project/files?run={NewModelRoot.Projects}"));
        var program = await Client.GetAsync($"/api/new/project/file?run={NewModelRoot.Projects}&path=Shipped.Consumer/Program.cs");
        var zip = await Client.GetAsync($"/api/new/project/zip?run={NewModelRoot.Projects}");

        var paths = files.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("path").GetString()!).ToList();
        Assert.Equal("Shipped", files.GetProperty("name").GetString());
        Assert.Contains("Shipped.slnx", paths);
        Assert.Contains("Shipped.Consumer/Shipped.Consumer.csproj", paths);
        Assert.Contains("Shipped.WebApi/Program.cs", paths);
        Assert.DoesNotContain(paths, p => p.Contains("/bin/") || p.Contains("/obj/"));
        Assert.Equal(HttpStatusCode.OK, program.StatusCode);
        Assert.Contains("Shipped", await program.Content.ReadAsStringAsync());
        Assert.Equal("Shipped-projects.zip", zip.Content.Headers.ContentDisposition?.FileNameStar ?? zip.Content.Headers.ContentDisposition?.FileName);
        using var archive = new ZipArchive(await zip.Content.ReadAsStreamAsync());
        var entries = archive.Entries.Select(e => e.FullName).ToList();
        Assert.Contains("Shipped/Shipped.Consumer/Shipped.Consumer.csproj", entries);
        Assert.Contains("Shipped/Shipped.WebApi/Shipped.WebApi.csproj", entries);
        Assert.Contains("Shipped/Shipped.WebApi/Shipped.zip", entries);
        Assert.Contains(entries, e => e.StartsWith("Shipped/packages/", StringComparison.Ordinal) && e.EndsWith(".nupkg", StringComparison.Ordinal));
        Assert.DoesNotContain(entries, e => e.Contains("/bin/") || e.Contains("/obj/"));
    }

    [Theory]
    [InlineData("run=models/Shipped&path=../../photos/loose.png", 403, "climbs out with '..'")]
    [InlineData("run=models/Shipped&path=/etc/passwd", 403, "is absolute")]
    [InlineData("run=../outside&path=x.cs", 403, "climbs out with '..'")]
    [InlineData("run=linked&path=x.cs", 403, "leads outside the root")]
    [InlineData("run=models/Shipped&path=Shipped.Consumer/bin/Debug/Shipped.Consumer.dll", 404, "not one of the generated projects' code files")]
    [InlineData("run=models/Shipped", 400, "names no file")]
    [InlineData("run=photos&path=x.cs", 404, "is not a ctk new output")]
    [InlineData("run=nowhere&path=x.cs", 404, "no run folder 'nowhere'")]
    public async Task ProjectFile_OutsideTheRunOrNotGenerated_IsRefused(string query, int status, string message)
    {
        var response = await Client.GetAsync("/api/new/project/file?" + query);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Contains(message, await Detail(response));
    }
}
