namespace ClassifierToolkit.Weights;

/// <summary>One tensor as a safetensors header describes it: dtype name, shape and byte range within the data buffer.</summary>
internal sealed record SafetensorsEntry(string Name, string DType, long[] Shape, long Begin, long End)
{
    public long ByteLength => End - Begin;
}
