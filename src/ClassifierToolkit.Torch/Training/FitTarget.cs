using ClassifierToolkit.Torch.Export;
using ClassifierToolkit.Torch.Models;

namespace ClassifierToolkit.Torch.Training;

/// <summary>What one fit's epochs train: the module, how its input is normalized, the data and which parameters move.</summary>
internal sealed record FitTarget(ImageClassifierModule Model, InputNormalization Normalization, ILabeledTensors Train, ILabeledTensors? Validation,
    ParameterPlan Parameters);
