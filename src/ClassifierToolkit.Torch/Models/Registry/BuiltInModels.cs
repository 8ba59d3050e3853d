using ClassifierToolkit.Torch.Models.Cnn;
using ClassifierToolkit.Torch.Models.ResNet;
using ClassifierToolkit.Torch.Models.Vit;

namespace ClassifierToolkit.Torch.Models.Registry;

/// <summary>The models that ship with the toolkit, registered explicitly (no reflection scanning).</summary>
internal static class BuiltInModels
{
    public static ModelRegistry CreateRegistry()
    {
        var registry = new ModelRegistry();
        registry.Add("cnn", "The seed study's CNN: 2 conv + 2 FC layers (421,642 parameters on 28×28 grey, 10 classes).", o => new SeedCnn(o));
        registry.Add("cnn-plus", "The seed CNN improved: BatchNorm, a third conv, dropout (settings: width, dropout).", o => new CnnPlus(o));
        ResNetVariants.Register(registry);
        VitVariants.Register(registry);
        return registry;
    }
}
