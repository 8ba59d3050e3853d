using System.Text.Json.Serialization;

namespace ClassifierToolkit.Pipelines;

/// <summary>How training lays out images and convolution weights in memory; the JSON names are the pipeline file's values.
/// The saved model is the same either way.</summary>
public enum MemoryFormatKind
{
    /// <summary>Channels-last for the models that train faster in it (the CNNs and ResNets), NCHW for the others.</summary>
    [JsonStringEnumMemberName("auto")] Auto,
    /// <summary>Channels-last (NHWC): oneDNN's convolutions read and write it without reordering, which saves most where
    /// channels are few (16–64); the passes run in a twin of the model, like bf16's.</summary>
    [JsonStringEnumMemberName("channels-last")] ChannelsLast,
    /// <summary>Channels first (NCHW), the passes in the model itself: libtorch's default.</summary>
    [JsonStringEnumMemberName("nchw")] Nchw,
}
