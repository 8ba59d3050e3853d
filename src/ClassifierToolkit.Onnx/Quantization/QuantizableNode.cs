using ClassifierToolkit.Onnx.Proto;

namespace ClassifierToolkit.Onnx.Quantization;

/// <summary>
/// A Conv, Gemm or MatMul whose weight is a constant: its activation input (and output) get uint8 quantize/dequantize
/// pairs, its weight int8 values with one scale per output channel, its bias int32 values.
/// </summary>
/// <param name="Node">The node.</param>
/// <param name="ChannelAxis">The weight's output-channel axis: 0 for Conv and Gemm with transB, 1 for MatMul and plain Gemm.</param>
internal sealed record QuantizableNode(NodeProto Node, int ChannelAxis)
{
    public string Activation => Node.Input[0];
    public string Weight => Node.Input[1];
    public string? Bias => Node.Input.Count > 2 && Node.Input[2].Length > 0 ? Node.Input[2] : null;
    public string Output => Node.Output[0];
}
