using ClassifierToolkit.Onnx;
using ClassifierToolkit.Preprocessing;
using static TorchSharp.torch;

namespace ClassifierToolkit.Torch.Export;

/// <summary>
/// Per-channel <c>(x − mean) / std</c> on [0, 1] pixels. Training applies it in TorchSharp; export writes it as
/// the first nodes of the ONNX graph, so serving computes exactly what the network was trained on.
/// </summary>
internal sealed class InputNormalization : IDisposable
{
    private readonly InputShape _shape;
    private readonly Tensor _mean;
    private readonly Tensor _std;

    /// <summary>Creates the normalization for <paramref name="shape"/> on <paramref name="device"/>.</summary>
    public InputNormalization(InputShape shape, Device device)
    {
        _shape = shape;
        _mean = tensor(shape.Mean.ToArray(), [1, shape.Channels, 1, 1], device: device);
        _std = tensor(shape.Std.ToArray(), [1, shape.Channels, 1, 1], device: device);
    }

    /// <summary>Normalizes a batch <c>[N, C, H, W]</c>.</summary>
    public Tensor Apply(Tensor pixels) => pixels.sub(_mean).div_(_std);

    /// <summary>Appends Sub and Div nodes after <paramref name="input"/>; returns the normalized tensor's name.</summary>
    public string ExportOnnx(OnnxGraphBuilder graph, string input)
    {
        var mean = graph.AddInitializer("normalize.mean", _shape.Mean.ToArray(), 1, _shape.Channels, 1, 1);
        var std = graph.AddInitializer("normalize.std", _shape.Std.ToArray(), 1, _shape.Channels, 1, 1);
        return graph.AddNode("Div", [graph.AddNode("Sub", [input, mean], "normalize.centered"), std], "normalize.output");
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _mean.Dispose();
        _std.Dispose();
    }
}
