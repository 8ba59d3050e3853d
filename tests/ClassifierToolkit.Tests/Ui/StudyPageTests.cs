using System.Diagnostics;
using System.Text.Json;
using ClassifierToolkit.AutoML.Storage;
using ClassifierToolkit.AutoML.Trials;
using ClassifierToolkit.Tests.Support;
using OpenQA.Selenium;
using OpenQA.Selenium.Support.UI;

namespace ClassifierToolkit.Tests.Ui;

/// <summary>The study page in headless chromium over a real <c>ctk automl</c> that is still searching: live, and stopped from the page.</summary>
[Collection(ChildProcessTests.Name)]
public sealed class StudyPageTests
{
    // Short trials (one epoch) and, from the sixth on with this seed, long ones (60 epochs, seconds of training) to stop.
    private const string Search = """
        { "version": 1, "name": "live-search",
          "data": { "trainLimit": 300, "testLimit": 100, "validationFraction": 0.25 },
          "input": { "mean": [0.5], "std": [0.5] },
          "model": { "name": "cnn" },
          "training": { "epochs": 1, "batchSize": 64 },
          "search": { "training.learningRate": { "logUniform": [0.0005, 0.005] }, "training.optimizer": { "choice": ["adamw", "sgd"] },
                      "training.epochs": { "choice": [1, 60] } } }
        """;

    [SkippableFact]
    public async Task StudyPage_WhileTheSearchRuns_UpdatesInPlace_AndStopCancelsTheRunningTrialAndEndsTheSearch()
    {
        using var browser = HeadlessChrome.Start();
        var root = TestPaths.NewTempFolder();
        File.WriteAllText(Path.Combine(root, "search.json"), Search);
        var start = DotnetCommand.StartInfo([Path.Combine(AppContext.BaseDirectory, "ctk.dll"), "automl", Path.Combine(root, "search.json"), "--max-trials", "40",
            "--tuner", "random", "--pruner", "none", "--no-refit", "--data-dir", TestPaths.FashionMnistSample, "--output", Path.Combine(root, "live")]);
        foreach (var (name, value) in CtkProcess.Settings([])) start.Environment[name] = value;
        using var automl = Process.Start(start)!;
        var output = automl.StandardOutput.ReadToEndAsync();
        var error = automl.StandardError.ReadToEndAsync();
        try
        {
            using var ui = new CtkUi(root);
            const string query = "store=live/experiment.db&study=live-search";
            await WaitUntilAsync(async () => (await ui.Client.GetAsync("/api/study?" + query)).IsSuccessStatusCode, "the study to start");

            browser.Navigate().GoToUrl(ui.Url + "#/study?" + query);
            int first = int.Parse(browser.WaitFor(By.Id("trial-count")).Text);
            browser.ExecuteScript("window.ctkNotReloaded = true;");
            // A long trial running after some short ones: the one the stop will cancel.
            JsonElement target = default;
            await WaitUntilAsync(async () =>
            {
                var study = JsonDocument.Parse(await ui.Client.GetStringAsync("/api/study?" + query)).RootElement;
                target = study.GetProperty("leaderboard").EnumerateArray().FirstOrDefault(r => r.GetProperty("state").GetString() == "running"
                    && r.GetProperty("parameters").GetProperty("training.epochs").GetInt32() == 60 && r.GetProperty("epochs").GetInt32() >= 1);
                return target.ValueKind == JsonValueKind.Object && study.GetProperty("states").GetProperty("complete").GetInt32() >= 3;
            }, "a long trial to run after three short ones");
            var wait = new WebDriverWait(browser, TimeSpan.FromSeconds(10));
            // Parts are redrawn as the study moves on: an element found a moment ago may be gone.
            wait.IgnoreExceptionTypes(typeof(StaleElementReferenceException));
            wait.Until(d => int.Parse(d.FindElement(By.Id("trial-count")).Text) >= target.GetProperty("number").GetInt32());
            Assert.True(int.Parse(browser.FindElement(By.Id("trial-count")).Text) > first, $"the trial count stayed at {first}");
            Assert.Equal(true, browser.ExecuteScript("return window.ctkNotReloaded === true;"));
            wait.Until(d => d.FindElement(By.CssSelector($"#leaderboard tr[data-trial='{target.GetProperty("number").GetInt32()}']")).GetDomAttribute("data-state") == "running");
            Assert.NotEmpty(browser.FindElements(By.CssSelector("#study-best svg path")));
            Assert.NotEmpty(browser.FindElements(By.CssSelector("#study-importance svg rect")));
            browser.Screenshot("ui-study");

            browser.FindElement(By.Id("stop-study")).Click();
            browser.SwitchTo().Alert().Accept();

            wait.Until(d => d.FindElement(By.Id("study-state")).Text == "stopped");
            Assert.True(automl.WaitForExit(TimeSpan.FromSeconds(30)), "ctk automl did not end after the stop");
            Assert.True(automl.ExitCode == 0, await output + await error);
            Assert.Equal(true, browser.ExecuteScript("return window.ctkNotReloaded === true;"));
            await using var store = await ExperimentStores.OpenAsync(null, Path.Combine(root, "live", ExperimentStores.DefaultFileName));
            var trials = await store.GetTrialsAsync("live-search");
            var stopped = trials.Single(t => t.Number == target.GetProperty("number").GetInt32());
            Assert.Equal((TrialState.Cancelled, "the study was stopped"), (stopped.State, stopped.FailureReason));
            Assert.DoesNotContain(trials, t => t.State == TrialState.Running);
            Assert.True(File.Exists(Path.Combine(root, "live", "best.zip")), "the stopped search exported no best.zip");
        }
        finally
        {
            if (!automl.HasExited) automl.Kill(entireProcessTree: true);
        }
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Waited 60 s for {what}.");
            await Task.Delay(200);
        }
    }
}
