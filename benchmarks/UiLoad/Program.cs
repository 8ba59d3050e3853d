using System.CommandLine;
using System.Diagnostics;
using Benchmarks.Shared;
using Benchmarks.UiLoad;

var root = new RootCommand("ctk ui under a large root: fill a study, time pages, watch memory.");

var fill = new Command("fill-study", "Write a study of many made-up finished trials into a SQLite file through the store's API.");
var db = new Argument<string>("db");
var pipeline = new Argument<FileInfo>("pipeline") { Description = "A search file, stored as the study's definition" };
var trials = new Option<int>("--trials") { DefaultValueFactory = _ => 500 };
var epochs = new Option<int>("--epochs") { DefaultValueFactory = _ => 12 };
fill.Add(db); fill.Add(pipeline); fill.Add(trials); fill.Add(epochs);
fill.SetAction(async parse =>
{
    var clock = Stopwatch.StartNew();
    await StudyFiller.FillAsync(parse.GetValue(db)!, "bench-study", File.ReadAllText(parse.GetValue(pipeline)!.FullName), parse.GetValue(trials), parse.GetValue(epochs), seed: 1);
    Console.WriteLine($"wrote {parse.GetValue(trials)} trials in {clock.Elapsed.TotalSeconds:F1} s");
});

var time = new Command("time", "Time pages: each 'url selector count' triple, in headless chromium and over HTTP (the page's API call).");
var rounds = new Option<int>("--rounds") { DefaultValueFactory = _ => 5 };
var pages = new Argument<string[]>("pages") { Arity = ArgumentArity.OneOrMore, Description = "name url selector count api-url, repeated" };
time.Add(rounds); time.Add(pages);
time.SetAction(async parse =>
{
    var items = parse.GetValue(pages)!;
    if (items.Length % 5 != 0) { Console.Error.WriteLine("error: give name, url, selector, count and api url for each page"); return CommandLineRun.UsageError; }
    using var timer = new PageTimer();
    using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
    for (int i = 0; i < items.Length; i += 5)
    {
        var (name, url, selector, count, api) = (items[i], items[i + 1], items[i + 2], int.Parse(items[i + 3]), items[i + 4]);
        var first = timer.Time(url, selector, count);
        var page = Enumerable.Range(0, parse.GetValue(rounds)).Select(_ => timer.Time(url, selector, count)).ToList();
        var calls = new List<double>();
        for (int r = 0; r < parse.GetValue(rounds); r++)
        {
            var clock = Stopwatch.StartNew();
            (await http.GetAsync(api)).EnsureSuccessStatusCode();
            calls.Add(clock.Elapsed.TotalSeconds);
        }
        Console.WriteLine($"RESULT page={name} first_s={first:F3} page_median_s={Percentiles.Median(page):F3} api_median_s={Percentiles.Median(calls):F3} " +
            $"api_bytes={(await http.GetByteArrayAsync(api)).Length}");
    }
    return 0;
});

var watch = new Command("watch", "Keep a browser on the running study's page (live) and print the server's resident memory every interval.");
var pid = new Argument<int>("pid");
var baseUrl = new Argument<string>("url") { Description = "The ctk ui's address, e.g. http://127.0.0.1:5199" };
var minutes = new Option<double>("--minutes") { DefaultValueFactory = _ => 60 };
var every = new Option<double>("--every-seconds") { DefaultValueFactory = _ => 60 };
watch.Add(pid); watch.Add(baseUrl); watch.Add(minutes); watch.Add(every);
watch.SetAction(async parse =>
{
    using var timer = new PageTimer();
    using var http = new HttpClient();
    var root = parse.GetValue(baseUrl)!.TrimEnd('/');
    var clock = Stopwatch.StartNew();
    var end = TimeSpan.FromMinutes(parse.GetValue(minutes));
    string? watching = null;
    while (true)
    {
        // Follows the search: the page of whichever study is running now (searches run one after another).
        using (var items = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync(root + "/api/items")))
        {
            var running = items.RootElement.GetProperty("studies").EnumerateArray().FirstOrDefault(s => s.GetProperty("state").GetString() == "running");
            if (running.ValueKind == System.Text.Json.JsonValueKind.Object)
            {
                var page = $"{root}/#/study?store={Uri.EscapeDataString(running.GetProperty("id").GetString()!)}&study={Uri.EscapeDataString(running.GetProperty("study").GetString()!)}";
                if (page != watching) timer.Browser.Navigate().GoToUrl(watching = page);
            }
        }
        var status = File.ReadAllLines($"/proc/{parse.GetValue(pid)}/status");
        string Field(string name) => status.First(l => l.StartsWith(name + ":", StringComparison.Ordinal)).Split(':')[1].Trim();
        Console.WriteLine($"RESULT minute={clock.Elapsed.TotalMinutes:F1} rss={Field("VmRSS")} peak={Field("VmHWM")} page={watching ?? "none yet"}");
        if (clock.Elapsed >= end) break;
        await Task.Delay(TimeSpan.FromSeconds(parse.GetValue(every)));
    }
    return 0;
});

root.Add(fill); root.Add(time); root.Add(watch);
return await CommandLineRun.InvokeAsync(root, args);
