using ClassifierToolkit.IO;
using ClassifierToolkit.Prediction;

namespace ClassifierToolkit.Onnx.Ensembles;

/// <summary>
/// <c>ctk ensemble</c>: several saved classifier <c>.zip</c> files in, one <c>.zip</c> out whose network runs them all and
/// whose <c>Score</c> is the weighted mean of their probabilities, optionally each averaged over the image and its
/// horizontal flip (test-time augmentation). The output is the first member's file with the network replaced, so any
/// ML.NET app loads it with <c>mlContext.Model.Load</c>, and the toolkit's <see cref="ImageClassifier"/> serves it.
/// </summary>
public static class ModelEnsembler
{
    /// <summary>Combines <paramref name="memberPaths"/> into <paramref name="outputPath"/> (written atomically).</summary>
    /// <param name="memberPaths">One or more classifier <c>.zip</c> files with the same classes, input and preprocessing (their
    /// networks may differ in architecture and input normalization). One member with <paramref name="horizontalFlip"/> gives
    /// that model with test-time augmentation.</param>
    /// <param name="weights">One weight (0 or more) per member, normalized to sum to 1; null weighs members equally.</param>
    /// <param name="horizontalFlip">Whether each member also scores the image flipped left to right, averaging both.</param>
    /// <param name="outputPath">The ensemble <c>.zip</c> to write; not one of the members.</param>
    /// <exception cref="ArgumentException">No members, wrong weights (names the member), or the output would overwrite a member.</exception>
    /// <exception cref="FileNotFoundException">No such member file.</exception>
    /// <exception cref="InvalidDataException">A member that is not a readable toolkit classifier, or that differs from the first
    /// in classes, input or preprocessing; names the file.</exception>
    public static SavedEnsemble CombineFiles(IReadOnlyList<string> memberPaths, IReadOnlyList<double>? weights, bool horizontalFlip, string outputPath)
    {
        ArgumentNullException.ThrowIfNull(memberPaths);
        ArgumentException.ThrowIfNullOrEmpty(outputPath);
        if (memberPaths.Count == 0)
            throw new ArgumentException("No member models: give one or more classifier .zip files.", nameof(memberPaths));
        if (memberPaths.FirstOrDefault(p => Path.GetFullPath(p) == Path.GetFullPath(outputPath)) is { } member)
            throw new ArgumentException($"The output '{outputPath}' is the member '{member}'; write the ensemble to another file, such as ensemble.zip.", nameof(outputPath));
        // Weights first: a typo in them fails before any model is read.
        var normalized = EnsembleWeights.Normalize(weights, memberPaths);
        var output = Combine([.. memberPaths.Select(ImageClassifier.ReadModelFile)], memberPaths, normalized, horizontalFlip);
        AtomicFile.Write(outputPath, temporary => File.WriteAllBytes(temporary, output));
        return new SavedEnsemble([.. memberPaths], normalized, horizontalFlip, Path.GetFullPath(outputPath), output.Length);
    }

    /// <summary>The ensemble of the saved classifiers <paramref name="memberZips"/> (their bytes, named by
    /// <paramref name="names"/> in errors and metadata) as <c>.zip</c> bytes: for callers that hold models in memory.</summary>
    /// <exception cref="ArgumentException">Wrong weights; names the member.</exception>
    /// <exception cref="InvalidDataException">A member that cannot join the first; names it.</exception>
    internal static byte[] Combine(IReadOnlyList<byte[]> memberZips, IReadOnlyList<string> names, IReadOnlyList<double>? weights, bool horizontalFlip)
    {
        var normalized = EnsembleWeights.Normalize(weights, names);
        EnsembleCompatibility.Check(memberZips, names);
        var members = memberZips.Select((zip, k) => new EnsembleMember(names[k], ModelArchive.ReadOnnx(zip, names[k]), normalized[k])).ToList();
        return ModelArchive.WithOnnx(memberZips[0], EnsembleGraph.Combine(members, horizontalFlip), names[0]);
    }
}
