using ClassifierToolkit.Prediction;

namespace ClassifierToolkit.Cli.New;

/// <summary>What the generated code's comments say about the model: its classes and the image size it takes.</summary>
internal sealed record ModelSummary(IReadOnlyList<string> ClassNames, int Channels, int Height, int Width)
{
    // A comment listing hundreds of classes helps no one; the rest are in ClassNames at run time.
    private const int ListedClasses = 20;

    /// <exception cref="FileNotFoundException">No such model file.</exception>
    /// <exception cref="InvalidDataException">Not a toolkit classifier; names the file.</exception>
    public static ModelSummary Read(string modelPath)
    {
        using var model = ImageClassifier.Load(new ImageClassifier.Options { ModelPath = modelPath, Threads = 1 });
        return new ModelSummary(model.ClassNames, model.Channels, model.Height, model.Width);
    }

    /// <summary>The input size, e.g. <c>28×28 grey</c>.</summary>
    public string InputSize => $"{Width}×{Height} {Channels switch { 1 => "grey", 3 => "RGB", _ => $"{Channels}-channel" }}";

    /// <summary>The classes for an XML doc comment, e.g. <c>T-shirt/top, Trouser, ...</c>: escaped, on one line, the first
    /// <see cref="ListedClasses"/> at most.</summary>
    public string ClassListForDocs
    {
        get
        {
            var listed = ClassNames.Take(ListedClasses).Select(ForDocComment);
            return string.Join(", ", listed) + (ClassNames.Count > ListedClasses ? ", …" : "");
        }
    }

    // Class names come from folder names: they may hold XML's special characters, and (rarely) line breaks.
    private static string ForDocComment(string text) =>
        string.Concat(text.Select(c => char.IsControl(c) ? ' ' : c)).Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
