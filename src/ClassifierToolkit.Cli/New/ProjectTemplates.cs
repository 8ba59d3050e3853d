using System.Reflection;
using System.Text.RegularExpressions;

namespace ClassifierToolkit.Cli.New;

/// <summary>
/// The files of the generated projects, embedded from <c>New/Templates/</c>: plain project files and C# with
/// <c>{{Placeholder}}</c>s, which <see cref="Render"/> fills in.
/// </summary>
internal static partial class ProjectTemplates
{
    private const string ResourcePrefix = "ctk-new/";

    // Keyed by the template's path below Templates/ with '/' (MSBuild's RecursiveDir uses the OS's separator).
    private static readonly Lazy<IReadOnlyDictionary<string, string>> Resources = new(() =>
        Assembly.GetExecutingAssembly().GetManifestResourceNames().Where(name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .ToDictionary(name => name[ResourcePrefix.Length..].Replace('\\', '/'), StringComparer.Ordinal));

    private static readonly Lazy<IReadOnlySet<string>> LazyCodeIdentifiers = new(ReadCodeIdentifiers);

    /// <summary>Every simple name the C# templates use in code (not after a dot, nor in comments, strings, usings or namespace
    /// lines). The projects' name becomes a namespace, which would hide any of these from the generated code;
    /// <see cref="ProjectName"/> refuses them.</summary>
    public static IReadOnlySet<string> CodeIdentifiers => LazyCodeIdentifiers.Value;

    /// <summary>The template at <paramref name="path"/> (e.g. <c>Consumer/Program.cs</c>) with every <c>{{Key}}</c> replaced by
    /// <paramref name="valueOf"/>(Key).</summary>
    public static string Render(string path, Func<string, string> valueOf) => Fill(Read(path), valueOf);

    /// <summary>Replaces every <c>{{Key}}</c> of <paramref name="text"/> by <paramref name="valueOf"/>(Key).</summary>
    public static string Fill(string text, Func<string, string> valueOf) => Placeholder().Replace(text, match => valueOf(match.Groups[1].Value));

    private static string Read(string path)
    {
        if (!Resources.Value.TryGetValue(path, out var resource))
            throw new InvalidOperationException($"ctk has no project template '{path}'; its templates: {string.Join(", ", Resources.Value.Keys.Order())}.");
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(resource)!;
        return new StreamReader(stream).ReadToEnd();
    }

    private static IReadOnlySet<string> ReadCodeIdentifiers()
    {
        var code = Resources.Value.Keys.Where(path => path.EndsWith(".cs", StringComparison.Ordinal))
            .Select(path => NotCode().Replace(Placeholder().Replace(Read(path), " "), " "));
        return code.SelectMany(text => Identifier().Matches(text).Select(match => match.Value)).ToHashSet(StringComparer.Ordinal);
    }

    [GeneratedRegex(@"\{\{([^{}]+)\}\}")]
    private static partial Regex Placeholder();

    // Comments, string literals, and the using and namespace lines (their names resolve from the global namespace first).
    [GeneratedRegex(@"//.*$|""(?:[^""\\\n]|\\.)*""|^\s*(using|namespace)\s.*$", RegexOptions.Multiline)]
    private static partial Regex NotCode();

    // A name not after a dot: what comes after one is a member, which no namespace hides.
    [GeneratedRegex(@"(?<![.\p{L}\p{Nd}_])[\p{L}_][\p{L}\p{Nd}_]*")]
    private static partial Regex Identifier();
}
