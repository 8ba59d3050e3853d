using System.Text.Json.Serialization;

namespace ClassifierToolkit.Pipelines;

/// <summary>How a pretrained network is reused; the JSON names are the pipeline file's values.</summary>
public enum TransferMode
{
    /// <summary>The backbone stays frozen; its features are computed once (and cached) and only the head trains. Fast.</summary>
    [JsonStringEnumMemberName("bottleneck")] Bottleneck,
    /// <summary>The head trains first with the backbone frozen, then the backbone (or its last stages) joins at a lower learning rate.</summary>
    [JsonStringEnumMemberName("finetune")] Finetune,
}
