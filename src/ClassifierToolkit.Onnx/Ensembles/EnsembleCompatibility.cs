using ClassifierToolkit.Prediction;

namespace ClassifierToolkit.Onnx.Ensembles;

/// <summary>
/// Whether saved classifiers can be served as one: each must load as a toolkit classifier, and all must predict the same
/// classes in the same order from the same pixels. The output keeps the first member's zip around the new network, so the
/// others' preprocessing must be the first's: their preprocessing entries in the zip are compared byte for byte, as ML.NET
/// keeps every setting of its transforms there (comparing pixels of a sample picture could miss a setting that picture
/// does not exercise). The network's own input normalization may differ: it lives inside each member's network.
/// </summary>
internal static class EnsembleCompatibility
{
    /// <summary>Checks <paramref name="zips"/> (named by <paramref name="names"/>) against the first.</summary>
    /// <exception cref="InvalidDataException">A member that is not a readable toolkit classifier, or that differs from the
    /// first in classes, input or preprocessing; names both files and says what to do.</exception>
    public static void Check(IReadOnlyList<byte[]> zips, IReadOnlyList<string> names)
    {
        var first = Read(zips[0], names[0]);
        for (int k = 1; k < zips.Count; k++)
        {
            var member = Read(zips[k], names[k]);
            if (ClassDifference(first.ClassNames, member.ClassNames) is { } classes)
                throw new InvalidDataException($"'{names[k]}' {classes} '{names[0]}'; ensemble members must predict the same classes in the same order " +
                    "(train them on the same data, or leave this one out).");
            if (member.Input != first.Input)
                throw new InvalidDataException($"'{names[k]}' takes {member.Input} images but '{names[0]}' takes {first.Input}; ensemble members must take " +
                    "the same input (train them with the same image size and channels, or leave this one out).");
            if (EntryDifference(first.Preprocessing, member.Preprocessing) is { } entry)
                throw new InvalidDataException($"'{names[k]}' preprocesses images differently from '{names[0]}' (zip entry '{entry}' differs); " +
                    "ensemble members must share the preprocessing (train them from the same data section, or leave this one out).");
        }
    }

    private sealed record MemberFacts(IReadOnlyList<string> ClassNames, string Input, IReadOnlyDictionary<string, byte[]> Preprocessing);

    private static MemberFacts Read(byte[] zip, string name)
    {
        // Loading is the check that it is a toolkit classifier at all (and not a truncated file); errors name the file.
        using var classifier = ImageClassifier.FromBytes(zip, new ImageClassifier.Options { ModelPath = name, Threads = 1 });
        var input = $"{classifier.Channels}-channel{(classifier.Alpha ? " + alpha" : "")} {classifier.Height}×{classifier.Width}";
        return new MemberFacts(classifier.ClassNames, input, ModelArchive.PreprocessingEntries(zip, name));
    }

    private static string? ClassDifference(IReadOnlyList<string> first, IReadOnlyList<string> member)
    {
        if (member.Count != first.Count) return $"has {member.Count} classes but";
        int k = Enumerable.Range(0, first.Count).FirstOrDefault(i => first[i] != member[i], -1);
        return k < 0 ? null : $"has class '{member[k]}' at position {k + 1} where it is '{first[k]}' in";
    }

    private static string? EntryDifference(IReadOnlyDictionary<string, byte[]> first, IReadOnlyDictionary<string, byte[]> member) =>
        first.Keys.Union(member.Keys).Order(StringComparer.Ordinal).FirstOrDefault(name =>
            !first.TryGetValue(name, out var a) || !member.TryGetValue(name, out var b) || !a.AsSpan().SequenceEqual(b));
}
