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

        Assert.Equal(target, locator.Locate());
        Assert.Equal([target, FashionMnistLocator.DebianFolder], locator.SearchOrder().ToArray());
    }

    [Fact]
    public void Locate_IncompleteExplicitFolder_ThrowsNamingIt()
    {
        var empty = TestPaths.NewTempFolder();
        var error = Assert.Throws<FileNotFoundException>(() => new FashionMnistLocator(empty, allowDownload: false).Locate());
        Assert.Contains(empty, error.Message);
    }

    [Fact]
    public void Locate_NoCopyAndDownloadFails_ExplainsHowToGetTheData()
    {
        var locator = new FashionMnistLocator(dataDirectory: TestPaths.NewTempFolder(), systemFolder: NoSystemCopy,
            httpClient: new HttpClient(new StubHandler(_ => throw new HttpRequestException("network unreachable"))));
        var error = Assert.Throws<FileNotFoundException>(locator.Locate);
        Assert.Contains("apt-get install dataset-fashion-mnist", error.Message);
        Assert.Contains("network unreachable", error.Message);
    }

    [Fact]
    public void Locate_NoCopyAndDownloadDisabled_SaysSoWithoutTouchingTheNetwork()
    {
        var locator = new FashionMnistLocator(dataDirectory: TestPaths.NewTempFolder(), allowDownload: false, systemFolder: NoSystemCopy,
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
        var locator = new FashionMnistLocator(dataDirectory: dataDirectory, baseUrl: "http://mirror.invalid/", systemFolder: NoSystemCopy,
            progress: new SynchronousProgress<DownloadProgress>(progress.Add),
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

    private static string NoSystemCopy => Path.Combine(TestPaths.NewTempFolder(), "absent");

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
