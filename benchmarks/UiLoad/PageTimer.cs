using System.Diagnostics;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;

namespace Benchmarks.UiLoad;

/// <summary>Times pages of <c>ctk ui</c> as a person sees them: headless chromium opens the address and the clock stops when the page
/// shows what it is for (at least a given number of elements matching a selector).</summary>
internal sealed class PageTimer : IDisposable
{
    private readonly ChromeDriver _browser;

    public PageTimer()
    {
        var chromium = new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" }.First(File.Exists);
        var driver = new[] { "/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver" }.First(File.Exists);
        var options = new ChromeOptions { BinaryLocation = chromium };
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1400,1000");
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(driver)!, Path.GetFileName(driver));
        service.SuppressInitialDiagnosticInformation = true;
        _browser = new ChromeDriver(service, options, TimeSpan.FromSeconds(120));
    }

    public IWebDriver Browser => _browser;

    /// <summary>Seconds from navigating to <paramref name="url"/> until <paramref name="selector"/> matches at least <paramref name="count"/> elements.</summary>
    public double Time(string url, string selector, int count)
    {
        _browser.Navigate().GoToUrl("about:blank");
        var clock = Stopwatch.StartNew();
        _browser.Navigate().GoToUrl(url);
        new WebDriverWait(_browser, TimeSpan.FromSeconds(120)) { PollingInterval = TimeSpan.FromMilliseconds(10) }
            .Until(d => d.FindElements(By.CssSelector(selector)).Count >= count);
        return clock.Elapsed.TotalSeconds;
    }

    public void Dispose() => _browser.Dispose();
}
