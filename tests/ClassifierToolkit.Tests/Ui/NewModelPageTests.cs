using ClassifierToolkit.Tests.Support;
using OpenQA.Selenium;
using OpenQA.Selenium.Support.UI;

namespace ClassifierToolkit.Tests.Ui;

/// <summary>The new-model page in headless chromium: a tiny <c>ctk new</c> started from the form, followed live to its end, its projects
/// browsed (from the run and from the list of outputs); a folder outside the root refused on the form.</summary>
[Collection(ChildProcessTests.Name)]
public sealed class NewModelPageTests : IClassFixture<NewModelRoot>
{
    private readonly NewModelRoot _root;

    public NewModelPageTests(NewModelRoot root) => _root = root;

    [SkippableFact]
    public void NewModel_RunsFromTheForm_ShowsProgressThenTheProjects_AndRefusesAFolderOutsideTheRoot()
    {
        using var browser = HeadlessChrome.Start(height: 1300);
        browser.Navigate().GoToUrl(_root.Ui.Url + "#/new");

        // The shortest run ctk new completes: 20 s, from scratch (the sample's small grey pictures), 3 classes of 20 images.
        Fill(browser, "new-data", "photos");
        Fill(browser, "new-time", "20s");
        browser.FindElement(By.CssSelector("#new-weights option[value='none']")).Click();
        Fill(browser, "new-name", "Shoes");
        browser.FindElement(By.Id("new-start")).Click();

        var log = browser.WaitFor(By.Id("job-log"));
        new WebDriverWait(browser, TimeSpan.FromSeconds(90)).Until(_ => log.Text.Contains("epoch 1: val acc"));
        Assert.NotEqual("0 / 0", browser.FindElement(By.CssSelector("#job-trials .value")).Text);
        var state = browser.WaitFor(By.CssSelector("#job-state:not([data-state='running'])"), 120).GetAttribute("data-state");
        Assert.True(state == "succeeded", $"ctk new ended {state}:\n{browser.FindElement(By.Id("job-log")).Text}");
        Assert.Contains("run=models%2FShoes", browser.FindElement(By.Id("job-run")).GetAttribute("href"));
        var code = browser.WaitFor(By.Id("project-code"));
        new WebDriverWait(browser, TimeSpan.FromSeconds(10)).Until(_ => code.Text.Contains("Shoes"));
        browser.FindElement(By.CssSelector("#project-files a[data-path='Shoes.Consumer/ShoesModel.cs']")).Click();
        new WebDriverWait(browser, TimeSpan.FromSeconds(10)).Until(_ => code.Text.Contains("class ShoesModel"));
        Assert.Contains("/api/new/project/zip?run=models%2FShoes", browser.FindElement(By.Id("project-zip")).GetAttribute("href"));
        Assert.True(File.Exists(Path.Combine(_root.Root, "models", "Shoes", "Shoes.zip")));
        browser.ExecuteScript("window.scrollTo(0, 0)");
        browser.Screenshot("ui-new");

        browser.Navigate().GoToUrl(_root.Ui.Url + "#/new");
        Fill(browser, "new-data", "../outside");
        Fill(browser, "new-time", "20s");
        browser.FindElement(By.Id("new-start")).Click();

        var refusal = browser.WaitFor(By.CssSelector("#new-message .error"));
        Assert.Contains("The data folder '../outside' climbs out with '..'", refusal.Text);
        Assert.Contains("#/new", browser.Url);
        Assert.DoesNotContain("job=", browser.Url);

        // The finished output is listed among the root's ctk new outputs; its projects open from there too.
        browser.FindElement(By.CssSelector("#new-outputs a[href='#/new?run=models%2FShoes']")).Click();
        var listed = browser.WaitFor(By.Id("project-code"));
        new WebDriverWait(browser, TimeSpan.FromSeconds(10)).Until(_ => listed.Text.Contains("Shoes"));
    }

    private static void Fill(IWebDriver browser, string id, string text)
    {
        var input = browser.WaitFor(By.Id(id));
        input.Clear();
        input.SendKeys(text);
    }
}
