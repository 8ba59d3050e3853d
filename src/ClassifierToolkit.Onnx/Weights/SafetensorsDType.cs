namespace ClassifierToolkit.Weights;

/// <summary>The element types <see cref="SafetensorsFile"/> writes (and reads back as float32).</summary>
public enum SafetensorsDType
{
    /// <summary>IEEE 754 single precision, 4 bytes: exact.</summary>
    F32,
    /// <summary>IEEE 754 half precision, 2 bytes: about 3 significant digits, values beyond ±65,504 become infinite.</summary>
    F16,
    /// <summary>bfloat16 (the high 16 bits of a float32, rounded to nearest even), 2 bytes: float32's range, about 2 significant digits.</summary>
    BF16,
}
