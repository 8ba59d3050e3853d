using Microsoft.ML;

namespace ClassifierToolkit;

/// <summary>
/// The toolkit's entry point on an <see cref="MLContext"/> (<c>mlContext.Classifier()</c>), in the style of
/// <c>mlContext.Auto()</c>: the toolkit's assemblies hang their sub-catalogs on it (e.g. <c>.AutoML()</c>).
/// </summary>
public sealed class ClassifierCatalog
{
    internal ClassifierCatalog(MLContext mlContext) => MLContext = mlContext;

    /// <summary>The context the catalog was opened from.</summary>
    public MLContext MLContext { get; }
}

/// <summary>Opens the <see cref="ClassifierCatalog"/>.</summary>
public static class MLContextExtensions
{
    /// <summary>The toolkit's catalog on <paramref name="mlContext"/>.</summary>
    public static ClassifierCatalog Classifier(this MLContext mlContext)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        return new ClassifierCatalog(mlContext);
    }
}
