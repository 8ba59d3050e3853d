using ClassifierToolkit.Cli.Ui;
using ClassifierToolkit.Tests.Support;

namespace ClassifierToolkit.Tests.Ui;

/// <summary>Every path a <c>ctk ui</c> request names stays inside its root: absolute paths, <c>..</c> and links leading out are refused.</summary>
public sealed class UiRootTests
{
    private readonly string _root = TestPaths.NewTempFolder();
    private readonly string _outside = TestPaths.NewTempFolder();

    public UiRootTests()
    {
        Directory.CreateDirectory(Path.Combine(_root, "runs", "a"));
        File.WriteAllText(Path.Combine(_outside, "secret.txt"), "not for the page");
    }

    [Theory]
    [InlineData("runs/a")]
    [InlineData("runs\\a")]
    [InlineData("./runs/a/")]
    public void Resolve_PathUnderTheRoot_IsThatFolder(string relative) =>
        Assert.Equal(Path.Combine(new UiRoot(_root).FullPath, "runs", "a"), new UiRoot(_root).Resolve(relative).TrimEnd('/'));

    [Theory]
    [InlineData("../x", "climbs out")]
    [InlineData("runs/../../x", "climbs out")]
    [InlineData("/etc/passwd", "absolute")]
    [InlineData("C:/Windows", "absolute")]
    public void Resolve_PathLeavingTheRoot_IsForbidden(string relative, string message)
    {
        var refusal = Assert.Throws<UiRequestException>(() => new UiRoot(_root).Resolve(relative));
        Assert.Equal(403, refusal.Status);
        Assert.Contains(message, refusal.Message);
    }

    [Fact]
    public void Resolve_LinkLeadingOutside_IsForbidden_AndALinkInside_IsAllowed()
    {
        Directory.CreateSymbolicLink(Path.Combine(_root, "escape"), _outside);
        Directory.CreateSymbolicLink(Path.Combine(_root, "inside"), Path.Combine(_root, "runs"));
        var root = new UiRoot(_root);

        var refusal = Assert.Throws<UiRequestException>(() => root.Resolve("escape/secret.txt"));
        Assert.Equal(403, refusal.Status);
        Assert.Contains("link 'escape'", refusal.Message);
        Assert.EndsWith(Path.Combine("inside", "a"), root.Resolve("inside/a"));
    }

    [Fact]
    public void Resolve_NoPath_IsABadRequest() => Assert.Equal(400, Assert.Throws<UiRequestException>(() => new UiRoot(_root).Resolve(null)).Status);

    [Fact]
    public void Root_MissingFolder_SaysSo() =>
        Assert.Contains("no such folder", Assert.Throws<DirectoryNotFoundException>(() => new UiRoot(Path.Combine(_root, "nope"))).Message);
}
