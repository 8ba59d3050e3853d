using ClassifierToolkit.Prediction;
using ClassifierToolkit.Serving;

namespace ClassifierToolkit.Cli.Serve;

/// <summary>The JSON bodies <c>ctk serve</c> answers with (camelCase on the wire).</summary>
internal static class ServeResponses
{
    public sealed record ClassScore(string ClassName, float Probability);

    public sealed record Prediction(string Name, string PredictedLabel, IReadOnlyList<ClassScore> Top);

    public sealed record Batch(IReadOnlyList<Prediction> Predictions);

    public sealed record Failure(string Error);

    public sealed record Model(string Name, string Path, string Sha256, long SizeBytes, DateTime LoadedUtc, IReadOnlyList<string> Classes, int Channels, int Height, int Width);

    public static Prediction From(string name, ClassifierPrediction prediction, int top) =>
        new(name, prediction.PredictedLabel, [.. prediction.Top(top).Select(c => new ClassScore(c.ClassName, c.Probability))]);

    public static Model From(ServedModelInfo info) =>
        new(info.Name, info.Identity.Path, info.Identity.Sha256, info.Identity.SizeBytes, info.Identity.LoadedUtc, info.ClassNames, info.Channels, info.Height, info.Width);
}
