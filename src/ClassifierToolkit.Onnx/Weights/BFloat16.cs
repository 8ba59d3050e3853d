namespace ClassifierToolkit.Weights;

/// <summary>bfloat16 is the upper half of an IEEE float32: same sign and 8-bit exponent, 7 mantissa bits.</summary>
internal static class BFloat16
{
    public static float ToSingle(ushort bits) => BitConverter.UInt32BitsToSingle((uint)bits << 16);

    /// <summary>Rounds to nearest, ties to even (as PyTorch's <c>.bfloat16()</c> does), so values are not biased towards zero.</summary>
    public static ushort FromSingle(float value)
    {
        uint bits = BitConverter.SingleToUInt32Bits(value);
        // Rounding could carry a NaN's mantissa into the exponent and make it infinite; keep it a (quiet) NaN with its sign.
        if (float.IsNaN(value)) return (ushort)((bits >> 16) | 0x0040);
        uint roundingBias = 0x7FFF + ((bits >> 16) & 1);
        return (ushort)((bits + roundingBias) >> 16);
    }
}
