using System.Buffers.Binary;
using System.IO.Compression;

namespace ClassifierToolkit.Prediction;

/// <summary>
/// The ONNX network inside a saved classifier <c>.zip</c>: ML.NET's <c>ApplyOnnxModel</c> stores it as one zip entry named
/// <c>OnnxModel</c> holding a little-endian int32 length and then the ONNX bytes.
/// </summary>
internal static class ModelArchive
{
    private const string OnnxEntryName = "OnnxModel";
    // The saved chain is (image preprocessing, network scorer); ML.NET stores its first element under this folder.
    private const string PreprocessingFolder = "TransformerChain/Transform_000/";

    /// <summary>The ONNX network stored in a saved classifier <c>.zip</c> (its bytes); <paramref name="path"/> names the file in errors.</summary>
    /// <exception cref="InvalidDataException">Not a zip, no (or several) ONNX networks, or a damaged entry.</exception>
    public static byte[] ReadOnnx(byte[] zip, string path)
    {
        using var archive = OpenZip(zip, path);
        var entries = archive.Entries.Where(e => e.Name == OnnxEntryName).ToList();
        if (entries.Count == 0)
            throw new InvalidDataException($"'{path}' has no ONNX network (a zip entry named '{OnnxEntryName}'), so it is not a model saved by ClassifierToolkit.");
        if (entries.Count != 1)
            throw new InvalidDataException($"'{path}' holds {entries.Count} ONNX networks; a toolkit classifier holds exactly one.");
        using var stream = entries[0].Open();
        var stored = new MemoryStream();
        stream.CopyTo(stored);
        // ML.NET writes the network as a byte array: a little-endian int32 length, then the ONNX bytes.
        var data = stored.GetBuffer().AsSpan(0, (int)stored.Length);
        if (data.Length < 4 || BinaryPrimitives.ReadInt32LittleEndian(data) != data.Length - 4)
            throw new InvalidDataException($"'{path}': its ONNX network entry is damaged (the stored length does not match).");
        return data[4..].ToArray();
    }

    /// <summary>The zip entries of a saved classifier's image preprocessing (the chain's first element), by name: ML.NET keeps
    /// every setting of its transforms there, so equal entries mean the same pixels for the same picture.</summary>
    /// <exception cref="InvalidDataException">Not a zip.</exception>
    public static IReadOnlyDictionary<string, byte[]> PreprocessingEntries(byte[] zip, string path)
    {
        using var archive = OpenZip(zip, path);
        return archive.Entries.Where(e => e.FullName.StartsWith(PreprocessingFolder, StringComparison.Ordinal)).ToDictionary(e => e.FullName, e =>
        {
            using var stream = e.Open();
            var bytes = new MemoryStream();
            stream.CopyTo(bytes);
            return bytes.ToArray();
        });
    }

    private static ZipArchive OpenZip(byte[] zip, string path)
    {
        try
        {
            return new ZipArchive(new MemoryStream(zip, writable: false), ZipArchiveMode.Read);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"'{path}' is not a zip file ({e.Message}), so it is not a model saved by ClassifierToolkit.", e);
        }
    }

    /// <summary>A copy of the saved classifier <paramref name="zip"/> whose ONNX network is <paramref name="onnx"/>; every other
    /// entry is copied unchanged, so the ML.NET chain around the network (preprocessing, scorer, class names) stays as saved.</summary>
    /// <exception cref="InvalidDataException">Not a toolkit classifier (see <see cref="ReadOnnx"/>).</exception>
    public static byte[] WithOnnx(byte[] zip, byte[] onnx, string path)
    {
        ReadOnnx(zip, path);
        using var source = OpenZip(zip, path);
        var output = new MemoryStream();
        using (var target = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var entry in source.Entries)
            {
                var copy = target.CreateEntry(entry.FullName, CompressionLevel.Optimal);
                copy.LastWriteTime = entry.LastWriteTime;
                using var writer = copy.Open();
                if (entry.Name == OnnxEntryName)
                {
                    var length = new byte[4];
                    BinaryPrimitives.WriteInt32LittleEndian(length, onnx.Length);
                    writer.Write(length);
                    writer.Write(onnx);
                }
                else
                {
                    using var reader = entry.Open();
                    reader.CopyTo(writer);
                }
            }
        return output.ToArray();
    }
}
