using ClassifierToolkit.Pipelines;
using ClassifierToolkit.Torch.Training;

namespace ClassifierToolkit;

/// <summary>The TorchSharp trainers on <c>mlContext.Classifier().Trainers</c>.</summary>
public static class TrainersCatalogExtensions
{
    /// <summary>
    /// Trains a registered model (<c>ctk models</c> lists them: cnn, cnn-plus, resnet8/20, vit-tiny, ...) on the
    /// <c>Pixels</c> column that <c>Transforms.PreprocessImages</c> makes, with the default recipe (Adam, lr 1e-3, batch 64).
    /// </summary>
    /// <param name="catalog">The trainers catalog.</param>
    /// <param name="modelName">The registered model.</param>
    /// <param name="epochs">Passes over the training data.</param>
    /// <param name="labelColumnName">The column holding the class names.</param>
    public static ImageClassifierTrainer ImageClassification(this ClassifierTrainersCatalog catalog, string modelName = ModelSpec.Defaults.Name,
        int epochs = TrainingSpec.Defaults.Epochs, string labelColumnName = ColumnNames.Label) =>
        catalog.ImageClassification(new ImageClassifierTrainer.Options
        {
            Model = new ModelSpec { Name = modelName },
            Training = new TrainingSpec { Epochs = epochs },
            LabelColumnName = labelColumnName,
        });

    /// <summary>Trains with every setting given: the model section, the recipe, normalization and class names.</summary>
    public static ImageClassifierTrainer ImageClassification(this ClassifierTrainersCatalog catalog, ImageClassifierTrainer.Options options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new ImageClassifierTrainer(catalog.MLContext, options);
    }
}
