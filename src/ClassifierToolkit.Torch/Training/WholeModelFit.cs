using ClassifierToolkit.Torch.Export;
using ClassifierToolkit.Torch.Models;

namespace ClassifierToolkit.Torch.Training;

/// <summary>
/// Trains the model itself on its images: from scratch (every parameter, <see cref="ParameterPlan"/>) or fine-tuning a
/// pretrained one (<see cref="Transfer.FineTunePlan"/>: head first, then the unfrozen stages).
/// </summary>
internal sealed class WholeModelFit : IFitMode
{
    private readonly FitTarget _target;
    private readonly bool _ownsImages;

    /// <summary>A mode over images already read; with <paramref name="ownsImages"/> it disposes them when done.</summary>
    public WholeModelFit(FitPlan plan, ImageClassifierModule model, InputNormalization normalization, ILabeledTensors train, ILabeledTensors? validation,
        ParameterPlan parameters, bool ownsImages)
    {
        Plan = plan;
        _target = new FitTarget(model, normalization, train, validation, parameters);
        _ownsImages = ownsImages;
    }

    public FitPlan Plan { get; }
    public int TrainImages => _target.Train.Count;
    public int ValidationImages => _target.Validation?.Count ?? 0;

    public FitTarget Prepare(Action<FeatureExtraction> featuresReady, CancellationToken cancellationToken) => _target;

    // The model trained in place: nothing to copy back.
    public void Finish() { }

    public void Dispose()
    {
        if (!_ownsImages) return;
        _target.Train.Dispose();
        _target.Validation?.Dispose();
    }
}
