// ResNet-20's layer shapes at batch 128 (16×28×28, 32×14×14, 64×7×7), or with --resnet18 the seed ResNet-18's at batch 64
// (64×28×28 to 512×4×4): ms per call of a 3×3 convolution forward, and of convolution, BatchNorm and ReLU forward + backward,
// in TorchSharp. benchmarks/pytorch_layer_timing.py prints the same lines for PyTorch. Mean of 20 calls after 3 warm-up
// calls. With --bf16: bfloat16 activations and convolution weights, BatchNorm parameters fp32 (as training.precision bf16
// runs them). With --channels-last: activations laid out NHWC (as training.memoryFormat channels-last runs them).
using System.Diagnostics;
using TorchSharp;
using static TorchSharp.torch;

var type = args.Contains("--bf16") ? bfloat16 : float32;
bool channelsLast = args.Contains("--channels-last");
var (batch, shapes) = args.Contains("--resnet18") ? (64, new[] { (64, 28), (128, 14), (256, 7), (512, 4) }) : (128, new[] { (16, 28), (32, 14), (64, 7) });
Console.WriteLine($"TorchSharp, {get_num_threads()} threads, {type}, batch {batch}{(channelsLast ? ", channels-last" : "")}");
foreach (var (channels, side) in shapes)
{
    using var conv = nn.Conv2d(channels, channels, 3, padding: 1, bias: false).to(type);
    using var norm = nn.BatchNorm2d(channels);
    using var nchw = randn(batch, channels, side, side).to(type);
    using var x = (channelsLast ? nchw.permute(0, 2, 3, 1).contiguous().permute(0, 3, 1, 2) : nchw.clone()).requires_grad_(true);
    Console.WriteLine($"c={channels} hw={side}: conv fwd {Milliseconds(() => conv.forward(x), false):F2} ms, " +
        $"conv fwd+bwd {Milliseconds(() => conv.forward(x), true):F2} ms, bn fwd+bwd {Milliseconds(() => norm.forward(x), true):F2} ms, " +
        $"relu fwd+bwd {Milliseconds(() => nn.functional.relu(x), true):F2} ms");
}

static double Milliseconds(Func<Tensor> layer, bool backward)
{
    void Call()
    {
        using var scope = NewDisposeScope();
        var y = layer();
        if (backward) y.sum().backward();
    }
    for (int i = 0; i < 3; i++) Call();
    var clock = Stopwatch.StartNew();
    for (int i = 0; i < 20; i++) Call();
    return clock.Elapsed.TotalMilliseconds / 20;
}
