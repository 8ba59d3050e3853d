using ClassifierToolkit.Preprocessing;
using ClassifierToolkit.Torch.Models;
using ClassifierToolkit.Torch.Models.Cnn;
using ClassifierToolkit.Torch.Training;
using static TorchSharp.torch;

namespace ClassifierToolkit.Tests.Torch.Training.Callbacks;

/// <summary>A <see cref="TrainingState"/> around a small model, for driving callbacks directly.</summary>
internal static class TrainingStateFactory
{
    public static TrainingState Empty()
    {
        var model = new SeedCnn(new ModelOptions(10, new InputShape(1, 28, 28)));
        var optimizer = optim.Adam(model.parameters());
        return new TrainingState(model, optimizer, new Generator(1), [], epochs: 10);
    }
}
