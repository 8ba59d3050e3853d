namespace ClassifierToolkit.Onnx;

/// <summary>ONNX tensor element types the exporter declares (values are ONNX's <c>DataType</c> codes).</summary>
public enum OnnxElementType
{
    /// <summary>32-bit float.</summary>
    Float = 1,
    /// <summary>64-bit signed integer.</summary>
    Int64 = 7,
    /// <summary>UTF-8 string.</summary>
    String = 8,
}
