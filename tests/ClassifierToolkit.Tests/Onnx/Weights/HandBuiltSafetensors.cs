using System.Buffers.Binary;
using System.Text;
using ClassifierToolkit.Tests.Support;

namespace ClassifierToolkit.Tests.Onnx.Weights;

/// <summary>Safetensors files assembled byte by byte in the tests, independent of <c>SafetensorsFile.Write</c>.</summary>
internal static class HandBuiltSafetensors
{
    /// <summary>An 8-byte little-endian length, <paramref name="headerJson"/> as UTF-8, then <paramref name="data"/>.</summary>
    public static byte[] Bytes(string headerJson, params byte[] data)
    {
        var header = Encoding.UTF8.GetBytes(headerJson);
        var bytes = new byte[8 + header.Length + data.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)header.Length);
        header.CopyTo(bytes, 8);
        data.CopyTo(bytes, 8 + header.Length);
        return bytes;
    }

    /// <summary>Writes <paramref name="bytes"/> to a new file in a fresh temp folder and returns its path.</summary>
    public static string Save(byte[] bytes)
    {
        var path = Path.Combine(TestPaths.NewTempFolder(), "hand-built.safetensors");
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public static string Save(string headerJson, params byte[] data) => Save(Bytes(headerJson, data));
}
