using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;

namespace ClassifierToolkit.Tests.Support;

/// <summary>Debian's chromium, headless, driven by its chromium-driver: a real browser for the web pages' tests. Skips the test where
/// they are not installed, and fails it on CI, which installs them.</summary>
internal static class HeadlessChrome
{
    public static ChromeDriver Start(int width = 1400, int height = 1000)
    {
        var chromium = new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" }.FirstOrDefault(File.Exists);
        var driverPath = new[] { "/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver" }.FirstOrDefault(File.Exists);
        if ((chromium is null || driverPath is null) && Environment.GetEnvironmentVariable("CI") == "true")
            Assert.Fail("chromium and chromium-driver are not installed (apt-get install -y chromium chromium-driver).");
        Skip.If(chromium is null || driverPath is null, "chromium and chromium-driver are not installed.");
        var options = new ChromeOptions { BinaryLocation = chromium };
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", $"--window-size={width},{height}");
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(driverPath)!, Path.GetFileName(driverPath));
        service.SuppressInitialDiagnosticInformation = true;
        return new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
    }

    /// <summary>Waits up to <paramref name="seconds"/> for the first element matching <paramref name="by"/>.</summary>
    public static IWebElement WaitFor(this IWebDriver browser, By by, int seconds = 30) =>
        new WebDriverWait(browser, TimeSpan.FromSeconds(seconds)).Until(d => d.FindElements(by).FirstOrDefault(e => e.Displayed));

    /// <summary>Saves what the browser shows as a PNG: into <c>$CTK_SCREENSHOT_DIR</c> when set (README's screenshots come from there), else a temporary folder.</summary>
    public static string Screenshot(this ChromeDriver browser, string name)
    {
        var folder = Environment.GetEnvironmentVariable("CTK_SCREENSHOT_DIR") is { Length: > 0 } dir ? dir : TestPaths.NewTempFolder();
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name + ".png");
        browser.GetScreenshot().SaveAsFile(path);
        return path;
    }
}
