using Microsoft.ML;

namespace ClassifierToolkit;

/// <summary>
/// Trainers: <c>mlContext.Classifier().Trainers</c>. The trainers live in the training assembly (ClassifierToolkit.Torch,
/// which carries TorchSharp) and add themselves here as extension methods, so this assembly and apps that only predict
/// stay free of TorchSharp.
/// </summary>
public sealed class ClassifierTrainersCatalog
{
    internal ClassifierTrainersCatalog(MLContext mlContext) => MLContext = mlContext;

    /// <summary>The context trainers are created with.</summary>
    public MLContext MLContext { get; }
}
