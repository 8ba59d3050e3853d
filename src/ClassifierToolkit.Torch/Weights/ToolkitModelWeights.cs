using System.Buffers.Binary;
using ClassifierToolkit.Onnx;
using ClassifierToolkit.Onnx.Proto;
using ClassifierToolkit.Prediction;
using ClassifierToolkit.Weights;
using Google.Protobuf;

namespace ClassifierToolkit.Torch.Weights;

/// <summary>
/// Reads the weights of a model <c>.zip</c> saved by this toolkit from the ONNX network inside it: the exporter stores
/// every parameter and buffer as a float initializer named as in the TorchSharp module (<c>conv1.weight</c>,
/// <c>bn1.running_mean</c>, <c>fc.bias</c>), so they can seed another model of the same architecture.
/// </summary>
internal static class ToolkitModelWeights
{
    /// <summary>
    /// The float initializers of the saved network by name and shape, with its metadata (<c>ctk.model</c>,
    /// <c>ctk.classes</c>). Besides the module's weights these include the few constants the exporter adds, such as the
    /// input normalization (<c>normalize.mean</c>, <c>normalize.std</c>) and the white that transparent pixels are
    /// composited onto (<c>composite.white</c>); match tensors by the module's own names.
    /// Integer initializers (shapes, indices) are left out.
    /// </summary>
    /// <param name="modelZipPath">A classifier <c>.zip</c> saved by the toolkit (<c>ctk train</c>, <c>SavedClassifier.Save</c>).</param>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="InvalidDataException">Not a zip, not a model saved by the toolkit, or a damaged network; names the file.</exception>
    public static WeightSet Read(string modelZipPath)
    {
        var model = ReadNetwork(modelZipPath);
        var tensors = new Dictionary<string, WeightTensor>(StringComparer.Ordinal);
        foreach (var initializer in model.Graph.Initializer)
        {
            if (initializer.DataType != (int)TensorProto.Types.DataType.Float) continue;
            if (tensors.ContainsKey(initializer.Name))
                throw new InvalidDataException($"'{modelZipPath}': its ONNX network has two initializers named '{initializer.Name}'; the network is damaged.");
            tensors.Add(initializer.Name, ToWeightTensor(initializer, modelZipPath));
        }
        return new WeightSet(modelZipPath, tensors, Metadata(model));
    }

    private static ModelProto ReadNetwork(string modelZipPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelZipPath);
        if (!File.Exists(modelZipPath)) throw new FileNotFoundException($"Model file '{modelZipPath}' does not exist.", modelZipPath);
        return ParseOnnx(ModelArchive.ReadOnnx(File.ReadAllBytes(modelZipPath), modelZipPath), modelZipPath);
    }

    private static Dictionary<string, string> Metadata(ModelProto model)
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in model.MetadataProps) metadata[property.Key] = property.Value;
        return metadata;
    }

    private static ModelProto ParseOnnx(byte[] onnx, string path)
    {
        ModelProto model;
        try
        {
            model = ModelProto.Parser.ParseFrom(onnx);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new InvalidDataException($"'{path}': its ONNX network cannot be parsed ({e.Message}); the file is damaged.", e);
        }
        return model.Graph is null
            ? throw new InvalidDataException($"'{path}': its ONNX network has no graph, so it holds no weights; the file is damaged.")
            : model;
    }

    // The exporter writes raw_data (little-endian floats); ONNX also allows float_data, which other writers use.
    private static WeightTensor ToWeightTensor(TensorProto initializer, string path)
    {
        var shape = initializer.Dims.ToArray();
        long count = 1;
        foreach (var dim in shape)
        {
            if (dim < 0 || (dim > 0 && count > Array.MaxLength / dim))
                throw new InvalidDataException($"'{path}': initializer '{initializer.Name}' has an impossible shape [{string.Join(", ", shape)}]; the network is damaged.");
            count *= dim;
        }
        float[] values;
        if (initializer.HasRawData)
        {
            var raw = initializer.RawData.Span;
            if (raw.Length != count * sizeof(float))
                throw Mismatch(path, initializer.Name, shape, count, $"{raw.Length} bytes of raw data");
            values = new float[count];
            for (int i = 0; i < values.Length; i++) values[i] = BinaryPrimitives.ReadSingleLittleEndian(raw[(i * sizeof(float))..]);
        }
        else
        {
            if (initializer.FloatData.Count != count)
                throw Mismatch(path, initializer.Name, shape, count, $"{initializer.FloatData.Count} float_data values");
            values = [.. initializer.FloatData];
        }
        return new WeightTensor(shape, values);
    }

    private static InvalidDataException Mismatch(string path, string name, long[] shape, long count, string found) =>
        new($"'{path}': initializer '{name}' has shape [{string.Join(", ", shape)}] ({count} values) but {found}; the network is damaged.");
}
