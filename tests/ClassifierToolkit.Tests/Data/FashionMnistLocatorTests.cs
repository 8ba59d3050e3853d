using System.Diagnostics;
using System.Net;
using ClassifierToolkit.Data;
using ClassifierToolkit.Tests.Support;

namespace ClassifierToolkit.Tests.Data;

public class FashionMnistLocatorTests
{
    [Fact]
    public void Locate_ExplicitFolder_IsUsedFirst()
    {
        var locator = new FashionMnistLocator(TestPaths.FashionMnistSample, dataDirectory: TestPaths.NewTempFolder(), allowDownload: false);
        Assert.Equal(TestPaths.FashionMnistSample, locator.Locate());
    }

    [Fact]
    public void Locate_DataDirectoryHoldsCopy_FindsItBeforeDebianPath()
    {
        var dataDirectory = TestPaths.NewTempFolder();
        var target = Path.Combine(dataDirectory, "fashion-mnist");
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(TestPaths.FashionMnistSample, "*.gz"))
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));

        var locator = new FashionMnistLocator(dataDirectory: dataDirectory, allowDownload: false);

        var location = locator.Find();

        Assert.Equal(target, location.Folder);
        Assert.False(location.IsSample);
        Assert.Equal([target, FashionMnistLocator.DebianFolder], locator.SearchOrder().ToArray());
    }

    [Fact]
    public void Locate_IncompleteExplicitFolder_ThrowsNamingItEvenWithABundledSample()
    {
        Assert.NotNull(FashionMnistLocator.Defaults.SampleFolder);
        var empty = TestPaths.NewTempFolder();
        var error = Assert.Throws<FileNotFoundException>(() => new FashionMnistLocator(empty, allowDownload: false).Locate());
        Assert.Contains(empty, error.Message);
    }

    [Fact]
    public void Locate_NoCopyAndDownloadFails_ExplainsHowToGetTheData()
    {
        var locator = new FashionMnistLocator(WithoutData() with { SampleFolder = null },
            httpClient: new HttpClient(new StubHandler(_ => throw new HttpRequestException("network unreachable"))));
        var error = Assert.Throws<FileNotFoundException>(locator.Locate);
        Assert.Contains("apt-get install dataset-fashion-mnist", error.Message);
        Assert.Contains("network unreachable", error.Message);
    }

    [Fact]
    public void Locate_NoCopyAndDownloadDisabled_SaysSoWithoutTouchingTheNetwork()
    {
        var locator = new FashionMnistLocator(WithoutData() with { AllowDownload = false, SampleFolder = null },
            httpClient: new HttpClient(new StubHandler(_ => throw new InvalidOperationException("must not be called"))));
        var error = Assert.Throws<FileNotFoundException>(locator.Locate);
        Assert.Contains("downloading is disabled", error.Message);
    }

    [Fact]
    public void Locate_DownloadWithWrongChecksum_IsRejectedAndNotKept()
    {
        var dataDirectory = TestPaths.NewTempFolder();
        var bytes = File.ReadAllBytes(Path.Combine(TestPaths.FashionMnistSample, "t10k-labels-idx1-ubyte.gz"));
        var requested = new List<string>();
        var progress = new List<DownloadProgress>();
        var options = WithoutData() with { DataDirectory = dataDirectory, MirrorUrl = "http://mirror.invalid/", SampleFolder = null };
        var locator = new FashionMnistLocator(options, downloadProgress: new SynchronousProgress<DownloadProgress>(progress.Add),
            httpClient: new HttpClient(new StubHandler(request =>
            {
                requested.Add(request.RequestUri!.AbsolutePath);
                return new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(bytes) };
            })));

        var error = Assert.Throws<FileNotFoundException>(locator.Locate);

        Assert.Contains("checksum mismatch", error.Message);
        Assert.Equal(["/train-images-idx3-ubyte.gz"], requested);
        Assert.NotEmpty(progress);
        Assert.Empty(Directory.GetFiles(Path.Combine(dataDirectory, "fashion-mnist")));
    }

    [Fact]
    public void Find_NoCopyAndMirrorRefusesConnections_FallsBackToTheSampleQuicklyAndSaysSo()
    {
        var notices = new List<FashionMnistSampleNotice>();
        var locator = new FashionMnistLocator(WithoutData() with { MirrorUrl = "http://127.0.0.1:9/", SampleFolder = TestPaths.FashionMnistSample },
            sampleNotices: new SynchronousProgress<FashionMnistSampleNotice>(notices.Add));

        var clock = Stopwatch.StartNew();
        var location = locator.Find();

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"the fallback took {clock.Elapsed}");
        Assert.True(location.IsSample);
        Assert.Equal(TestPaths.FashionMnistSample, location.Folder);
        var notice = Assert.Single(notices);
        Assert.Same(notice, location.Sample);
        Assert.Equal((3000, 500), (notice.TrainImages, notice.TestImages));
        Assert.Contains("http://127.0.0.1:9/", notice.Reason);
        Assert.Contains(notice.WaysToGetFullSet, way => way.Contains("sudo apt-get install dataset-fashion-mnist"));
        Assert.Contains(notice.WaysToGetFullSet, way => way.Contains(locator.DownloadFolder));
        Assert.Contains("3,000 training and 500 test images", notice.Summary);
    }

    [Fact]
    public void Find_AfterFallingBack_AnswersAgainWithoutTheNetworkOrASecondNotice()
    {
        var requests = 0;
        var notices = new List<FashionMnistSampleNotice>();
        var locator = new FashionMnistLocator(WithoutData() with { SampleFolder = TestPaths.FashionMnistSample },
            sampleNotices: new SynchronousProgress<FashionMnistSampleNotice>(notices.Add),
            httpClient: new HttpClient(new StubHandler(_ => { requests++; throw new HttpRequestException("offline"); })));

        var first = locator.Find();
        var second = locator.Find();

        Assert.Same(first, second);
        Assert.Equal(1, requests);
        Assert.Single(notices);
    }

    [Fact]
    public void Defaults_SampleFolder_IsTheCopyBundledBesideTheApp()
    {
        // The console's project copies data/fashion-mnist-sample into its output, and from there into this test's.
        Assert.Equal(Path.Combine(AppContext.BaseDirectory, "data", "fashion-mnist-sample"), FashionMnistLocator.Defaults.SampleFolder);
        Assert.Equal(3000, FashionMnist.CountImages(FashionMnistLocator.Defaults.SampleFolder!, DataSplitKind.Train));
    }

    [Fact]
    public void Constructor_MirrorNotAnHttpUrl_ThrowsNamingTheOptionAndVariable()
    {
        var error = Assert.Throws<ArgumentException>(() => new FashionMnistLocator(WithoutData() with { MirrorUrl = "ftp.example.org/fm" }));
        Assert.Contains("MirrorUrl 'ftp.example.org/fm'", error.Message);
        Assert.Contains(FashionMnistLocator.MirrorVariable, error.Message);
    }

    [Fact]
    public void WithExplicitFolder_KeepsSettingsAndLooksThereFirst()
    {
        var locator = new FashionMnistLocator(WithoutData() with { AllowDownload = false, SampleFolder = null });
        var moved = locator.WithExplicitFolder(TestPaths.FashionMnistSample);
        Assert.Null(locator.ExplicitFolder);
        Assert.Equal(TestPaths.FashionMnistSample, moved.Find().Folder);
        Assert.Equal(locator.SearchOrder().Prepend(TestPaths.FashionMnistSample), moved.SearchOrder());
    }

    // Nothing on disk, nothing system-wide: each test decides on the download and the sample.
    private static FashionMnistLocator.Options WithoutData() => new()
    {
        DataDirectory = TestPaths.NewTempFolder(),
        SystemFolder = Path.Combine(TestPaths.NewTempFolder(), "absent"),
    };

    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }

    private sealed class StubHandler(Func<HttpRequestMessage, HttpResponseMessage> respond) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(respond(request));
    }
}
