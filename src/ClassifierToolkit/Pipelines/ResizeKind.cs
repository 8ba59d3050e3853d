using System.Text.Json.Serialization;

namespace ClassifierToolkit.Pipelines;

/// <summary>How an image of another aspect ratio is brought to the input size; the JSON names are the pipeline file's values.</summary>
public enum ResizeKind
{
    /// <summary>Resized to exactly the input size, the aspect ratio not kept (right for square data sets such as Fashion-MNIST).</summary>
    [JsonStringEnumMemberName("stretch")] Stretch,
    /// <summary>Resized keeping the aspect ratio until it covers the input size, then the centre cut out (ImageNet's evaluation crop; right for photos).</summary>
    [JsonStringEnumMemberName("center-crop")] CenterCrop,
}
