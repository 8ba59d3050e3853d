using ClassifierToolkit.Pipelines;

namespace ClassifierToolkit.Torch.Training;

/// <summary>
/// A fit's recipe and transfer section, checked once. The trainer (or a loop built from a bare recipe) makes one with
/// <see cref="From"/>; the loop, its modes, the augmenter and the recipe's callbacks take it as valid and check nothing again.
/// </summary>
internal sealed class FitPlan
{
    private FitPlan(TrainingSpec recipe, TransferSpec? transfer)
    {
        Recipe = recipe;
        Transfer = transfer;
    }

    /// <summary>Optimizer, schedule, epochs, batch size, augmentation, early stopping, ...</summary>
    public TrainingSpec Recipe { get; }
    /// <summary>The pretrained start and its mode, or null to train from scratch.</summary>
    public TransferSpec? Transfer { get; }

    /// <summary>The one place a fit's settings are checked, with the pipeline file's rules and messages.</summary>
    /// <exception cref="PipelineSpecException">A value is not allowed; names its path.</exception>
    public static FitPlan From(TrainingSpec recipe, TransferSpec? transfer = null)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        recipe.Validate();
        transfer?.Validate();
        return new FitPlan(recipe, transfer);
    }

    /// <summary>The plan a head on frozen features trains by: without augmentation, which moves pixels and would scramble
    /// feature vectors, and in fp32, as a linear head is cheap at any precision. Switching both off keeps a valid plan valid.</summary>
    public FitPlan ForFrozenFeatures() =>
        new(Recipe with { Augmentation = new AugmentationSpec(), Precision = PrecisionKind.Fp32 }, Transfer);
}
