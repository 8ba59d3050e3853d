using ClassifierToolkit.Data.Sources;

namespace ClassifierToolkit.Pipelines;

/// <summary>Where the images come from.</summary>
public sealed record DataSpec
{
    /// <summary>Allowed values of <see cref="Source"/>: the registered data sources.</summary>
    public static IReadOnlyList<string> Sources => ImageDataSources.Names;

    /// <summary><c>fashion-mnist</c> or <c>folder</c>.</summary>
    public string Source { get; init; } = "fashion-mnist";
    /// <summary>For <c>folder</c>: the training image folder (one sub-folder per class). For <c>fashion-mnist</c>: an optional folder holding the IDX files.</summary>
    public string? Path { get; init; }
    /// <summary>For <c>folder</c>: an optional test image folder; without it, the validation split is the test set.</summary>
    public string? TestPath { get; init; }
    /// <summary>Fraction of the training data held out for validation.</summary>
    public double ValidationFraction { get; init; } = 0.2;
    /// <summary>Seeds the split.</summary>
    public int Seed { get; init; } = 1;
    /// <summary>Use only the first N training images (before the split).</summary>
    public int? TrainLimit { get; init; }
    /// <summary>Use only the first N test images.</summary>
    public int? TestLimit { get; init; }
    /// <summary>For <c>folder</c>: refuse the data when any file is unusable (broken, not an image) instead of skipping it with a warning.</summary>
    public bool Strict { get; init; }

    /// <summary>Checks the source and ranges.</summary>
    /// <exception cref="PipelineSpecException">A value is not allowed; names its path.</exception>
    public void Validate(SpecCheck? check = null)
    {
        check ??= new SpecCheck(SpecCheck.CodeSource, "$.data");
        if (ImageDataSources.Find(Source) is not { } source) throw check.Error("source", $"'{Source}' is not allowed. Allowed values: {string.Join(", ", Sources)}.");
        source.Validate(this, check);
        check.Range("validationFraction", ValidationFraction, 0, 0.9);
        if (TrainLimit is { } trainLimit) check.AtLeast("trainLimit", trainLimit, 1);
        if (TestLimit is { } testLimit) check.AtLeast("testLimit", testLimit, 1);
    }
}
