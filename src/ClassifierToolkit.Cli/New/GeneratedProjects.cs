namespace ClassifierToolkit.Cli.New;

/// <summary>What <see cref="ConsumerProjects.Write"/> wrote.</summary>
/// <param name="Name">The name used, and the one asked for if it had to be changed.</param>
/// <param name="SolutionPath">The <c>&lt;Name&gt;.slnx</c> listing both projects (<c>dotnet build</c> in its folder builds them).</param>
/// <param name="ConsumerProjectPath">The console app's <c>.csproj</c>: plain ML.NET packages only.</param>
/// <param name="WebApiProjectPath">The web API's <c>.csproj</c>: the serving library.</param>
/// <param name="Files">Every file written, full paths.</param>
internal sealed record GeneratedProjects(ProjectName Name, string SolutionPath, string ConsumerProjectPath, string WebApiProjectPath, IReadOnlyList<string> Files);
