namespace ClassifierToolkit.Tests.Support;

/// <summary>
/// The collection of test classes whose work happens in child processes (<c>ctk</c>, built samples, generated projects):
/// they run one after another, beside the in-process tests (the assembly's default collection), so the two cores are
/// busy while one side waits on a process start, a build or a server. Classes here train nothing in this process.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ChildProcessTests
{
    /// <summary>The collection's name, for <c>[Collection(ChildProcessTests.Name)]</c>.</summary>
    public const string Name = "child processes";
}
