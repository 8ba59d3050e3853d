namespace ClassifierToolkit.Cli.New;

/// <summary>What a <c>ctk new</c> run is asked to do: the settings part of <c>&lt;Name&gt;.ctk.json</c> (Model Builder's <c>.mbconfig</c>).</summary>
internal sealed record NewSettings
{
    /// <summary>The one scenario so far.</summary>
    public const string ImageClassification = "image-classification";

    /// <summary>What is being made.</summary>
    public string Scenario { get; init; } = ImageClassification;
    /// <summary>The model's and the generated projects' name: a C# identifier.</summary>
    public required string Name { get; init; }
    /// <summary>The training image folder (absolute).</summary>
    public required string Data { get; init; }
    /// <summary>A held-out test image folder (absolute), or null to report on the validation split.</summary>
    public string? TestData { get; init; }
    /// <summary>The whole run's time, as written (e.g. <c>10m</c>).</summary>
    public string TrainTime { get; init; } = "10m";
    /// <summary>Where everything is written (absolute).</summary>
    public required string Output { get; init; }
    /// <summary>Where training starts: null or <c>auto</c> (decided from the data), <c>imagenet</c>, <c>none</c>, or a weights file (absolute).</summary>
    public string? Weights { get; init; }
    /// <summary>Refuse folders with unusable files instead of skipping them.</summary>
    public bool Strict { get; init; }
    /// <summary>The network's input side in pixels, or null to choose it from the data and the time.</summary>
    public int? ImageSize { get; init; }
    /// <summary>Seeds the split, the tuner and training.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>The config file's path.</summary>
    public string ConfigPath => Path.Combine(Output, Name + ".ctk.json");
    /// <summary>The model's path.</summary>
    public string ModelPath => Path.Combine(Output, Name + ".zip");
}
