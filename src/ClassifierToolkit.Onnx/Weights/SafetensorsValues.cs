using System.Buffers.Binary;

namespace ClassifierToolkit.Weights;

/// <summary>
/// The safetensors dtype names and sizes, and the conversions between the stored little-endian bytes of the
/// floating-point ones and float32.
/// </summary>
internal static class SafetensorsValues
{
    // Every dtype of the format, so a header's byte lengths can be checked even for tensors that are not read.
    private static readonly Dictionary<string, int> Sizes = new(StringComparer.Ordinal)
    {
        ["BOOL"] = 1, ["U8"] = 1, ["I8"] = 1, ["F8_E5M2"] = 1, ["F8_E4M3"] = 1,
        ["I16"] = 2, ["U16"] = 2, ["F16"] = 2, ["BF16"] = 2,
        ["I32"] = 4, ["U32"] = 4, ["F32"] = 4,
        ["I64"] = 8, ["U64"] = 8, ["F64"] = 8,
    };

    /// <summary>The dtype names of the format, for error messages.</summary>
    public static string KnownNames => string.Join(", ", Sizes.Keys);

    /// <summary>Bytes per element of <paramref name="dtype"/>, or null if the name is not a safetensors dtype.</summary>
    public static int? SizeOf(string dtype) => Sizes.TryGetValue(dtype, out var size) ? size : null;

    public static int SizeOf(SafetensorsDType dtype) => dtype == SafetensorsDType.F32 ? 4 : 2;

    public static string NameOf(SafetensorsDType dtype) => dtype.ToString();

    /// <summary>The dtype if it is one that converts to float32 (F32, F16, BF16); otherwise null.</summary>
    public static SafetensorsDType? Readable(string dtype) =>
        Enum.TryParse<SafetensorsDType>(dtype, ignoreCase: false, out var parsed) && NameOf(parsed) == dtype ? parsed : null;

    /// <summary>Converts little-endian <paramref name="source"/> (whole elements) into <paramref name="destination"/>.</summary>
    public static void Decode(SafetensorsDType dtype, ReadOnlySpan<byte> source, Span<float> destination)
    {
        switch (dtype)
        {
            case SafetensorsDType.F32:
                for (int i = 0; i < destination.Length; i++) destination[i] = BinaryPrimitives.ReadSingleLittleEndian(source[(i * 4)..]);
                break;
            case SafetensorsDType.F16:
                for (int i = 0; i < destination.Length; i++) destination[i] = (float)BinaryPrimitives.ReadHalfLittleEndian(source[(i * 2)..]);
                break;
            default:
                for (int i = 0; i < destination.Length; i++) destination[i] = BFloat16.ToSingle(BinaryPrimitives.ReadUInt16LittleEndian(source[(i * 2)..]));
                break;
        }
    }

    /// <summary>Converts <paramref name="source"/> into little-endian <paramref name="destination"/> bytes.</summary>
    public static void Encode(SafetensorsDType dtype, ReadOnlySpan<float> source, Span<byte> destination)
    {
        switch (dtype)
        {
            case SafetensorsDType.F32:
                for (int i = 0; i < source.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(destination[(i * 4)..], source[i]);
                break;
            case SafetensorsDType.F16:
                for (int i = 0; i < source.Length; i++) BinaryPrimitives.WriteHalfLittleEndian(destination[(i * 2)..], (Half)source[i]);
                break;
            default:
                for (int i = 0; i < source.Length; i++) BinaryPrimitives.WriteUInt16LittleEndian(destination[(i * 2)..], BFloat16.FromSingle(source[i]));
                break;
        }
    }
}
