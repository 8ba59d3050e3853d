using Microsoft.ML;
using Microsoft.ML.Data;

namespace {{Name}}.Consumer;

/// <summary>
/// The trained {{Name}} model ({{Name}}.zip), safe to call from any number of threads.
/// {{ClassCount}} classes: {{ClassList}}.
/// Input: any image, resized to {{InputSize}}.
/// </summary>
public static class {{Name}}Model
{
    private static readonly MLContext Context = new();
    // Loaded once, on first use, even when many threads ask at the same time.
    private static readonly Lazy<ITransformer> Model = new(() => Context.Model.Load(ModelPath, out _));
    private static readonly Lazy<IReadOnlyList<string>> LazyClassNames = new(ReadClassNames);
    // A PredictionEngine is not thread-safe: each thread makes its own, all sharing the one loaded model.
    [ThreadStatic] private static PredictionEngine<ModelInput, ModelOutput>? _engine;

    // ML.NET keeps the loaded network in a temporary file and deletes it only when the model is disposed.
    static {{Name}}Model() => AppDomain.CurrentDomain.ProcessExit += (_, _) =>
    {
        if (Model.IsValueCreated) (Model.Value as IDisposable)?.Dispose();
    };

    /// <summary>The model file: the build copies {{Name}}.zip next to the app.</summary>
    public static string ModelPath { get; } = Path.Combine(AppContext.BaseDirectory, "{{Name}}.zip");

    /// <summary>The classes, in the order of <see cref="ModelOutput.Score"/>.</summary>
    public static IReadOnlyList<string> ClassNames => LazyClassNames.Value;

    private static PredictionEngine<ModelInput, ModelOutput> Engine => _engine ??= Context.Model.CreatePredictionEngine<ModelInput, ModelOutput>(Model.Value);

    /// <summary>Predicts the class of one image.</summary>
    /// <exception cref="FileNotFoundException">The image file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not an image.</exception>
    public static ModelOutput Predict(ModelInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!File.Exists(input.ImagePath))
            throw new FileNotFoundException($"Image '{input.ImagePath}' does not exist.", input.ImagePath);
        try
        {
            return Engine.Predict(input);
        }
        catch (ArgumentException e)
        {
            // ML.NET reports a file it cannot decode as a bad stream, without naming the file.
            throw new InvalidDataException($"'{input.ImagePath}' could not be read as an image (PNG, JPEG, BMP, GIF or WEBP).", e);
        }
    }

    /// <summary>Every class with its probability, most likely first.</summary>
    /// <exception cref="FileNotFoundException">The image file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not an image.</exception>
    public static IReadOnlyList<(string Label, float Probability)> PredictAllLabels(ModelInput input) =>
        [.. ClassNames.Zip(Predict(input).Score).OrderByDescending(label => label.Second)];

    // The class names travel inside the model, as the slot names of its Score column.
    private static IReadOnlyList<string> ReadClassNames()
    {
        VBuffer<ReadOnlyMemory<char>> names = default;
        Engine.OutputSchema[nameof(ModelOutput.Score)].GetSlotNames(ref names);
        return [.. names.DenseValues().Select(name => name.ToString())];
    }
}
