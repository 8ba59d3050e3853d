using ClassifierToolkit.AutoML.Experiments;

namespace ClassifierToolkit.AutoML;

/// <summary>Hyperparameter searches over image pipelines: <c>mlContext.Classifier().AutoML()</c>.</summary>
public sealed class AutoMLCatalog
{
    internal AutoMLCatalog(ClassifierCatalog catalog) => Catalog = catalog;

    /// <summary>The catalog this one hangs on.</summary>
    public ClassifierCatalog Catalog { get; }

    /// <summary>A search over <paramref name="searchFile"/> (a pipeline with a <c>search</c> section), writing into <paramref name="outputFolder"/>.</summary>
    /// <param name="searchFile">The search file.</param>
    /// <param name="outputFolder">Where best.zip, the reports and experiment.db go.</param>
    /// <param name="timeBudget">Stop after this long (running trials are cancelled between batches); null for no limit.</param>
    /// <param name="tuner"><c>grid</c>, <c>random</c>, <c>cfo</c> or <c>tpe</c>.</param>
    public ImageSearchExperiment CreateExperiment(string searchFile, string outputFolder, TimeSpan? timeBudget = null, string tuner = ExperimentOptions.Defaults.Tuner) =>
        CreateExperiment(new ExperimentOptions { SearchFile = searchFile, OutputFolder = outputFolder, TimeBudget = timeBudget, Tuner = tuner });

    /// <summary>A search with every setting given.</summary>
    public ImageSearchExperiment CreateExperiment(ExperimentOptions options) => new(options);
}

/// <summary>Opens the <see cref="AutoMLCatalog"/>.</summary>
public static class ClassifierCatalogAutoMLExtensions
{
    /// <summary>The search catalog: <c>mlContext.Classifier().AutoML()</c>.</summary>
    public static AutoMLCatalog AutoML(this ClassifierCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new AutoMLCatalog(catalog);
    }
}
