namespace ClassifierToolkit.Torch.Transfer;

/// <summary>
/// The pretrained networks transfer learning starts from, as ML.NET's <c>ImageClassificationTrainer.Architecture</c> names
/// its own. Only <see cref="ResNetMlNet"/> ships its weights; the torchvision layouts need a weights file of one's own.
/// </summary>
public enum TransferArchitecture
{
    /// <summary>The ImageNet ResNet of ML.NET's DnnFeaturizeImage (registered as <c>resnet-mlnet</c>), weights built in.</summary>
    ResNetMlNet,
    /// <summary>torchvision's ResNet-18; give its <c>.safetensors</c> weights.</summary>
    ResNet18,
    /// <summary>torchvision's ResNet-34; give its <c>.safetensors</c> weights.</summary>
    ResNet34,
    /// <summary>torchvision's ResNet-50; give its <c>.safetensors</c> weights.</summary>
    ResNet50,
}
