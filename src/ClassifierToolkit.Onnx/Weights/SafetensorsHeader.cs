using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace ClassifierToolkit.Weights;

/// <summary>
/// A safetensors file's JSON header: tensor name → <c>{"dtype", "shape", "data_offsets": [begin, end]}</c>, plus an
/// optional <c>"__metadata__"</c> object of strings. Offsets count from the start of the data buffer after the header.
/// </summary>
internal sealed class SafetensorsHeader
{
    public const string MetadataKey = "__metadata__";

    private SafetensorsHeader(IReadOnlyList<SafetensorsEntry> entries, IReadOnlyDictionary<string, string> metadata)
    {
        Entries = entries;
        Metadata = metadata;
    }

    /// <summary>The tensors in buffer order.</summary>
    public IReadOnlyList<SafetensorsEntry> Entries { get; }

    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>Parses and checks the header against a data buffer of <paramref name="bufferLength"/> bytes.</summary>
    /// <exception cref="InvalidDataException">Not JSON, not an object, or an entry that is malformed or does not fit the buffer; names <paramref name="path"/>.</exception>
    public static SafetensorsHeader Parse(ReadOnlyMemory<byte> json, string path, long bufferLength)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw Invalid(path, $"its header is not valid JSON ({e.Message}). The file is damaged or not a safetensors file.");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw Invalid(path, $"its header is a JSON {root.ValueKind}; a safetensors header is an object mapping tensor names to {{dtype, shape, data_offsets}}.");
            var entries = new List<SafetensorsEntry>();
            var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in root.EnumerateObject())
            {
                if (!seen.Add(property.Name)) throw Invalid(path, $"its header names '{property.Name}' twice.");
                if (property.Name == MetadataKey) ReadMetadata(property.Value, path, metadata);
                else entries.Add(ReadEntry(property.Name, property.Value, path, bufferLength));
            }
            entries.Sort((a, b) => a.Begin != b.Begin ? a.Begin.CompareTo(b.Begin)
                : a.End != b.End ? a.End.CompareTo(b.End) : string.CompareOrdinal(a.Name, b.Name));
            for (int i = 1; i < entries.Count; i++)
                if (entries[i].Begin < entries[i - 1].End)
                    throw Invalid(path, $"tensors '{entries[i - 1].Name}' (bytes {entries[i - 1].Begin}–{entries[i - 1].End}) and '{entries[i].Name}' " +
                        $"(bytes {entries[i].Begin}–{entries[i].End}) overlap; each tensor needs its own bytes.");
            return new SafetensorsHeader(entries, metadata);
        }
    }

    /// <summary>
    /// The header for <paramref name="entries"/> (in the given order) as UTF-8, padded with spaces to a multiple of 8
    /// bytes so the data buffer that follows the 8-byte length starts aligned.
    /// </summary>
    public static byte[] Serialize(IEnumerable<SafetensorsEntry> entries, IReadOnlyDictionary<string, string>? metadata)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            if (metadata is { Count: > 0 })
            {
                writer.WriteStartObject(MetadataKey);
                foreach (var (key, value) in metadata.OrderBy(p => p.Key, StringComparer.Ordinal)) writer.WriteString(key, value);
                writer.WriteEndObject();
            }
            foreach (var entry in entries)
            {
                writer.WriteStartObject(entry.Name);
                writer.WriteString("dtype", entry.DType);
                writer.WriteStartArray("shape");
                foreach (var dim in entry.Shape) writer.WriteNumberValue(dim);
                writer.WriteEndArray();
                writer.WriteStartArray("data_offsets");
                writer.WriteNumberValue(entry.Begin);
                writer.WriteNumberValue(entry.End);
                writer.WriteEndArray();
                writer.WriteEndObject();
            }
            writer.WriteEndObject();
        }
        int padded = (buffer.WrittenCount + 7) / 8 * 8;
        var header = new byte[padded];
        buffer.WrittenSpan.CopyTo(header);
        header.AsSpan(buffer.WrittenCount).Fill((byte)' ');
        return header;
    }

    private static void ReadMetadata(JsonElement value, string path, Dictionary<string, string> metadata)
    {
        if (value.ValueKind != JsonValueKind.Object)
            throw Invalid(path, $"its '{MetadataKey}' is a JSON {value.ValueKind}; it must be an object of string values.");
        foreach (var item in value.EnumerateObject())
        {
            if (item.Value.ValueKind != JsonValueKind.String)
                throw Invalid(path, $"'{MetadataKey}.{item.Name}' is a JSON {item.Value.ValueKind}; metadata values must be strings.");
            metadata[item.Name] = item.Value.GetString()!;
        }
    }

    private static SafetensorsEntry ReadEntry(string name, JsonElement value, string path, long bufferLength)
    {
        if (value.ValueKind != JsonValueKind.Object)
            throw Invalid(path, $"tensor '{name}' is a JSON {value.ValueKind}; it must be an object with dtype, shape and data_offsets.");
        if (!value.TryGetProperty("dtype", out var dtypeElement) || dtypeElement.ValueKind != JsonValueKind.String)
            throw Invalid(path, $"tensor '{name}' has no \"dtype\" string (such as \"F32\").");
        var dtype = dtypeElement.GetString()!;
        var shape = ReadIntegers(value, "shape", name, path, "dimension");
        var offsets = ReadIntegers(value, "data_offsets", name, path, "offset");
        if (offsets.Length != 2)
            throw Invalid(path, $"tensor '{name}' has {offsets.Length} data_offsets; it needs exactly two, [begin, end].");
        var (begin, end) = (offsets[0], offsets[1]);
        if (end < begin) throw Invalid(path, $"tensor '{name}' ends (byte {end}) before it begins (byte {begin}).");
        if (end > bufferLength)
            throw Invalid(path, $"tensor '{name}' ends at byte {end} of the data buffer, which holds only {bufferLength} bytes; the file is truncated or its header is wrong.");
        var size = SafetensorsValues.SizeOf(dtype)
            ?? throw Invalid(path, $"tensor '{name}' has dtype '{dtype}', which is not a safetensors dtype ({SafetensorsValues.KnownNames}).");
        long elements = ElementCount(shape, name, path);
        if (elements > (end - begin) / size || elements * size != end - begin)
            throw Invalid(path, $"tensor '{name}' is {dtype} of shape [{string.Join(", ", shape)}], which takes {elements} × {size} bytes, " +
                $"but its data_offsets [{begin}, {end}] span {end - begin} bytes.");
        return new SafetensorsEntry(name, dtype, shape, begin, end);
    }

    private static long[] ReadIntegers(JsonElement entry, string key, string name, string path, string what)
    {
        if (!entry.TryGetProperty(key, out var array) || array.ValueKind != JsonValueKind.Array)
            throw Invalid(path, $"tensor '{name}' has no \"{key}\" array.");
        var values = new long[array.GetArrayLength()];
        int i = 0;
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt64(out var number))
                throw Invalid(path, $"tensor '{name}': {key}[{i}] is {item.GetRawText()}; each {what} must be a whole number.");
            if (number < 0) throw Invalid(path, $"tensor '{name}': {key}[{i}] is {number}; a {what} cannot be negative.");
            values[i++] = number;
        }
        return values;
    }

    private static long ElementCount(long[] shape, string name, string path)
    {
        long count = 1;
        foreach (var dim in shape)
        {
            if (dim != 0 && count > long.MaxValue / dim)
                throw Invalid(path, $"tensor '{name}' has shape [{string.Join(", ", shape)}], more elements than a file can hold.");
            count *= dim;
        }
        return count;
    }

    private static InvalidDataException Invalid(string path, string problem) => new($"Safetensors file '{path}': {problem}");
}
