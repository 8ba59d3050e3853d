using ClassifierToolkit.Pipelines;
using ClassifierToolkit.Torch.Training;
using ClassifierToolkit.Torch.Transfer;

namespace ClassifierToolkit;

/// <summary>The TorchSharp trainers on <c>mlContext.Classifier().Trainers</c>.</summary>
public static class TrainersCatalogExtensions
{
    /// <summary>
    /// Trains a registered model (<c>ctk models</c> lists them: cnn, cnn-plus, resnet8-cifar, resnet18, vit, ...) on the
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

    /// <summary>
    /// Transfer learning (the job of ML.NET's <c>ImageClassificationTrainer</c>): starts from pretrained weights (built in
    /// for <see cref="TransferArchitecture.ResNetMlNet"/>, else a local file) and trains a new head for the data's classes,
    /// the backbone frozen (<see cref="TransferMode.Bottleneck"/>) or fine-tuned after the head (<see cref="TransferMode.Finetune"/>).
    /// Put <c>Transforms.PreprocessImages</c> in front, RGB at the architecture's input size (224 is what the ResNets were trained at).
    /// </summary>
    /// <param name="catalog">The trainers catalog.</param>
    /// <param name="arch">The pretrained network.</param>
    /// <param name="weightsPath">Null for the built-in ImageNet weights; else a <c>.safetensors</c> file (torchvision/timm names) or a toolkit model <c>.zip</c>.</param>
    /// <param name="mode">Bottleneck or fine-tune.</param>
    /// <param name="epochs">Epochs in all.</param>
    /// <param name="labelColumnName">The column holding the class names.</param>
    public static ImageClassifierTrainer TransferLearning(this ClassifierTrainersCatalog catalog,
        TransferArchitecture arch = TransferLearningOptions.Defaults.Arch, string? weightsPath = null, TransferMode mode = TransferMode.Finetune,
        int epochs = TrainingSpec.Defaults.Epochs, string labelColumnName = ColumnNames.Label) =>
        catalog.TransferLearning(new TransferLearningOptions { WeightsPath = weightsPath, Arch = arch, Mode = mode, Epochs = epochs, LabelColumnName = labelColumnName });

    /// <summary>Transfer learning with every setting given, under the names ML.NET's <c>ImageClassificationTrainer.Options</c> uses.</summary>
    public static ImageClassifierTrainer TransferLearning(this ClassifierTrainersCatalog catalog, TransferLearningOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return catalog.ImageClassification(options.ToTrainerOptions());
    }

    /// <summary>Trains with every setting given: the model section, the recipe, normalization and class names.</summary>
    public static ImageClassifierTrainer ImageClassification(this ClassifierTrainersCatalog catalog, ImageClassifierTrainer.Options options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new ImageClassifierTrainer(catalog.MLContext, options);
    }
}
