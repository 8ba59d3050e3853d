namespace ClassifierToolkit.Torch.Training;

/// <summary>
/// One way to fit a model, as the one <see cref="TrainingLoop"/> drives it: from scratch or fine-tuning a pretrained model
/// (<see cref="WholeModelFit"/>, whose parameter plan says which parts train), or a head on a frozen backbone's features
/// (<see cref="Transfer.BottleneckFit"/>). A mode says what the loop trains; the loop owns the epochs and is the only one
/// that raises callbacks, so a mode reports through what the loop hands it.
/// </summary>
internal interface IFitMode : IDisposable
{
    /// <summary>The plan the loop trains by (a mode may derive it from the fit's).</summary>
    FitPlan Plan { get; }
    /// <summary>Training images, known before training starts.</summary>
    int TrainImages { get; }
    /// <summary>Validation images (0 when none).</summary>
    int ValidationImages { get; }

    /// <summary>What the loop trains, made after it announced the start; <paramref name="featuresReady"/> hears of computed or cached features.</summary>
    FitTarget Prepare(Action<FeatureExtraction> featuresReady, CancellationToken cancellationToken);

    /// <summary>After the last epoch and the callbacks' end of training: what the mode trained, back into the model.</summary>
    void Finish();
}
