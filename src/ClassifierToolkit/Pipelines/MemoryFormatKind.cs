using System.Text.Json.Serialization;

namespace ClassifierToolkit.Pipelines;

/// <summary>How training lays out images, and so the activations that follow them, in memory; the JSON names are the
/// pipeline file's values. The weights, and so the saved model, are the same either way.</summary>
public enum MemoryFormatKind
{
    /// <summary>Channels-last for the models that train faster in it (the CNNs and ResNets), NCHW for the others.</summary>
    [JsonStringEnumMemberName("auto")] Auto,
    /// <summary>Channels-last (NHWC): oneDNN's convolutions read and write it without reordering, which saves most where
    /// channels are few (16–64).</summary>
    [JsonStringEnumMemberName("channels-last")] ChannelsLast,
    /// <summary>Channels first (NCHW): libtorch's default.</summary>
    [JsonStringEnumMemberName("nchw")] Nchw,
}
