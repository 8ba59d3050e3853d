namespace ClassifierToolkit.Cli.New;

/// <summary>What <see cref="ConsumerProjects.Write"/> generates: the projects' name, the model they use, and where they go.</summary>
internal sealed record ConsumerProjectOptions
{
    /// <summary>The projects' name (<c>Demo</c> gives <c>Demo.Consumer</c>, <c>Demo.WebApi</c> and <c>Demo.slnx</c>); anything that is not a
    /// C# identifier is made one (see <see cref="ProjectName.From"/>).</summary>
    public required string Name { get; init; }

    /// <summary>The trained classifier <c>.zip</c>; each project gets a copy named <c>&lt;Name&gt;.zip</c>.</summary>
    public required string ModelPath { get; init; }

    /// <summary>The folder the solution and both project folders are written into (created if missing).</summary>
    public required string OutputFolder { get; init; }

    /// <summary>Write over projects of the same name already in <see cref="OutputFolder"/>; by default they are left alone and
    /// writing fails.</summary>
    public bool Overwrite { get; init; }
}
