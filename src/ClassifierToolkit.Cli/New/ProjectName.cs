using System.Text;
using System.Text.RegularExpressions;

namespace ClassifierToolkit.Cli.New;

/// <summary>
/// The name of generated projects. It is also their root namespace and the prefix of their types, so it must be a C#
/// identifier: <see cref="From"/> makes one of any name (<c>"my demo"</c> → <c>MyDemo</c>) and says whether it had to.
/// </summary>
internal sealed partial record ProjectName
{
    private ProjectName(string value, string requested) => (Value, Requested) = (value, requested);

    /// <summary>The name used: a PascalCase C# identifier such as <c>MyDemo</c>.</summary>
    public string Value { get; }

    /// <summary>The name asked for.</summary>
    public string Requested { get; }

    /// <summary>Whether <see cref="Value"/> differs from <see cref="Requested"/> (tell the user).</summary>
    public bool WasChanged => Value != Requested;

    /// <summary>
    /// Makes a project name of <paramref name="requested"/>: its words (runs of letters and digits) are joined, each
    /// starting with a capital (<c>"my demo"</c> and <c>"my_demo"</c> → <c>MyDemo</c>, <c>"fashion"</c> → <c>Fashion</c>), and a
    /// leading digit gets an underscore before it as Visual Studio does (<c>"2024 photos"</c> → <c>_2024Photos</c>).
    /// </summary>
    /// <exception cref="ArgumentException">No letters or digits, or a name the generated code already uses for something
    /// else (such as <c>Console</c>), which as the projects' namespace would hide it.</exception>
    public static ProjectName From(string requested)
    {
        ArgumentNullException.ThrowIfNull(requested);
        var value = new StringBuilder();
        foreach (var word in NonWordCharacters().Split(requested).Where(word => word.Length > 0))
            value.Append(char.ToUpperInvariant(word[0])).Append(word, 1, word.Length - 1);
        if (value.Length == 0)
            throw new ArgumentException($"'{requested}' has no letters or digits to make a project name of; give a name such as 'FashionDemo'.", nameof(requested));
        if (char.IsDigit(value[0])) value.Insert(0, '_');
        var name = value.ToString();
        if (ProjectTemplates.CodeIdentifiers.Contains(name))
            throw new ArgumentException($"'{name}' cannot name the projects: as their namespace it would hide the '{name}' the generated code uses. " +
                $"Choose another name, such as '{name}App'.", nameof(requested));
        return new ProjectName(name, requested);
    }

    /// <inheritdoc/>
    public override string ToString() => Value;

    // Everything but letters and decimal digits separates words (C# identifiers allow more, project file names less).
    [GeneratedRegex(@"[^\p{L}\p{Nd}]+")]
    private static partial Regex NonWordCharacters();
}
