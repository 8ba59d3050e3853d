using ClassifierToolkit.Pipelines;
using Microsoft.ML;

namespace ClassifierToolkit.Data.Sources;

/// <summary>
/// A kind of labelled image data, by the name a pipeline's <c>data.source</c> (or a command's <c>--data</c>) gives, and
/// every way the toolkit reads it: a pipeline's train, validation and test views; a test set's labelled files (evaluation);
/// a sample of training pictures (quantization's calibration). One per kind, in <see cref="ImageDataSources"/>.
/// </summary>
public interface IImageDataSource
{
    /// <summary>The name <c>data.source</c> takes.</summary>
    string Name { get; }

    /// <summary>True when <c>data.path</c> is the folder of the data set's own files (which <c>--data-dir</c> sets), not a folder of pictures.</summary>
    bool PathIsDataDirectory { get; }

    /// <summary>True when <paramref name="data"/> has no test set of its own, so <see cref="Load"/> tests on the validation split
    /// (training on validation pictures would then train on test pictures, which a refit must not). False by default.</summary>
    bool TestsOnValidation(DataSpec data) => false;

    /// <summary>Checks what this kind needs in a pipeline's data section.</summary>
    /// <exception cref="PipelineSpecException">Something is missing; names its path.</exception>
    void Validate(DataSpec data, SpecCheck check);

    /// <summary>The pipeline's data, ready for a trainer; <paramref name="scratchFolder"/> receives sample files when the data are in memory.</summary>
    PipelineData Load(MLContext mlContext, DataSpec data, InputSpec input, string scratchFolder, FashionMnistLocator? locator);

    /// <summary>The test pictures as labelled files.</summary>
    LabelledImageFiles TestFiles(DataSourceRequest request);

    /// <summary>Up to <paramref name="count"/> training pictures' files, a seeded sample across the classes.</summary>
    IReadOnlyList<string> TrainingImages(DataSourceRequest request, int count);
}
