using System.Reflection;
using ClassifierToolkit.Preprocessing;
using ClassifierToolkit.Torch.Models;
using ClassifierToolkit.Torch.Models.Cnn;
using ClassifierToolkit.Torch.Training;
using ClassifierToolkit.Training;
using static TorchSharp.torch;

namespace ClassifierToolkit.Tests.Torch.Training.Callbacks;

/// <summary>A <see cref="TrainingState"/> around a small model, for driving callbacks directly.</summary>
internal static class TrainingStateFactory
{
    public static TrainingState Empty()
    {
        var model = new SeedCnn(new ModelOptions(10, new InputShape(1, 28, 28)));
        var optimizer = optim.Adam(model.parameters());
        var constructor = typeof(TrainingState).GetConstructors(BindingFlags.NonPublic | BindingFlags.Instance).Single();
        return (TrainingState)constructor.Invoke([model, optimizer, new Generator(1), Array.Empty<EpochMetrics>()]);
    }
}
