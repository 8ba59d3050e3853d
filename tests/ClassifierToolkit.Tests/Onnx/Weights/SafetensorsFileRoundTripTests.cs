using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using ClassifierToolkit.Tests.Support;
using ClassifierToolkit.Weights;

namespace ClassifierToolkit.Tests.Onnx.Weights;

/// <summary><c>SafetensorsFile.Write</c> then <c>Read</c>: names, shapes and metadata survive, values within the dtype's precision.</summary>
public class SafetensorsFileRoundTripTests
{
    private static readonly Dictionary<string, string> Metadata = new() { ["ctk.model"] = "resnet8", ["ctk.classes"] = "cat\ndog \"big\"\nbird" };

    private static Dictionary<string, WeightTensor> SampleTensors()
    {
        var random = new Random(3);
        WeightTensor Random(params long[] shape)
        {
            var values = new float[shape.Aggregate(1L, (a, b) => a * b)];
            for (int i = 0; i < values.Length; i++) values[i] = (float)(random.NextDouble() * 8 - 4);
            return new WeightTensor(shape, values);
        }
        return new()
        {
            ["layer1.0.conv1.weight"] = Random(16, 16, 3, 3),
            ["fc.weight"] = Random(10, 64),
            ["fc.bias"] = Random(10),
            ["bn1.running_var"] = new WeightTensor([4], [1f, 1e-5f, 0.25f, 1000f]),
            ["scale"] = new WeightTensor([], [0.5f]),
            ["empty"] = new WeightTensor([0, 3], []),
        };
    }

    private static string NewPath() => Path.Combine(TestPaths.NewTempFolder(), "weights.safetensors");

    // Relative precision of the mantissa (2^-11 for F16, 2^-8 for BF16), plus F16's smallest step near zero.
    [Theory]
    [InlineData(SafetensorsDType.F32, 0.0, 0.0)]
    [InlineData(SafetensorsDType.F16, 4.9e-4, 6e-8)]
    [InlineData(SafetensorsDType.BF16, 3.91e-3, 0.0)]
    public void WriteThenRead_KeepsNamesShapesMetadataAndValuesWithinPrecision(SafetensorsDType dtype, double relative, double absolute)
    {
        var tensors = SampleTensors();
        var path = NewPath();

        SafetensorsFile.Write(path, tensors, dtype, Metadata);
        var read = SafetensorsFile.Read(path);

        Assert.Equal(path, read.Source);
        Assert.Equal(tensors.Keys.Order(StringComparer.Ordinal), read.Keys);
        Assert.Equal(Metadata, read.Metadata);
        foreach (var (name, expected) in tensors)
        {
            var actual = read[name];
            Assert.Equal(expected.Shape, actual.Shape);
            for (int i = 0; i < expected.Values.Length; i++)
            {
                var error = Math.Abs(expected.Values[i] - actual.Values[i]);
                Assert.True(error <= Math.Abs(expected.Values[i]) * relative + absolute,
                    $"{dtype} {name}[{i}]: wrote {expected.Values[i]}, read {actual.Values[i]}");
            }
        }
    }

    [Fact]
    public void WriteThenRead_F32_IsExactIncludingSpecialValues()
    {
        var tensors = new Dictionary<string, WeightTensor>
        {
            ["w"] = new([6], [float.MaxValue, float.Epsilon, -0f, float.PositiveInfinity, float.NegativeInfinity, float.NaN]),
        };
        var path = NewPath();
        SafetensorsFile.Write(path, tensors);
        Assert.Equal(tensors["w"], SafetensorsFile.Read(path)["w"]);
        Assert.True(float.IsNegative(SafetensorsFile.Read(path)["w"].Values[2]), "-0 lost its sign");
    }

    [Theory]
    [InlineData(1f + 1f / 256, 1f)]                  // halfway between 1 and 1 + 2^-7: ties to the even mantissa, 1
    [InlineData(1f + 3f / 256, 1f + 1f / 64)]        // halfway between 1 + 2^-7 and 1 + 2^-6: ties to even, 1 + 2^-6
    [InlineData(1f + 1.5f / 256, 1f + 1f / 128)]     // above halfway: rounds up
    [InlineData(-3.5f, -3.5f)]                       // exactly representable
    [InlineData(float.PositiveInfinity, float.PositiveInfinity)]
    public void Write_BF16_RoundsToNearestEven(float written, float expected)
    {
        var path = NewPath();
        SafetensorsFile.Write(path, new Dictionary<string, WeightTensor> { ["x"] = new([1], [written]) }, SafetensorsDType.BF16);
        Assert.Equal(expected, SafetensorsFile.Read(path)["x"].Values[0]);
    }

    [Fact]
    public void Write_BF16_KeepsNaN()
    {
        var path = NewPath();
        SafetensorsFile.Write(path, new Dictionary<string, WeightTensor> { ["x"] = new([1], [float.NaN]) }, SafetensorsDType.BF16);
        Assert.True(float.IsNaN(SafetensorsFile.Read(path)["x"].Values[0]));
    }

    [Theory]
    [InlineData(SafetensorsDType.F32, 4)]
    [InlineData(SafetensorsDType.F16, 2)]
    [InlineData(SafetensorsDType.BF16, 2)]
    public void Write_LaysOutTheFileAsTheFormatSays(SafetensorsDType dtype, int bytesPerValue)
    {
        var tensors = SampleTensors();
        var path = NewPath();

        SafetensorsFile.Write(path, tensors, dtype, Metadata);

        var bytes = File.ReadAllBytes(path);
        var headerLength = (long)BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        Assert.Equal(0, headerLength % 8);
        var headerText = Encoding.UTF8.GetString(bytes, 8, (int)headerLength);
        Assert.EndsWith("}", headerText.TrimEnd(' ')); // padded with spaces only
        using var header = JsonDocument.Parse(headerText);
        Assert.Equal(Metadata["ctk.classes"], header.RootElement.GetProperty("__metadata__").GetProperty("ctk.classes").GetString());
        long offset = 0;
        foreach (var name in tensors.Keys.Order(StringComparer.Ordinal))
        {
            var entry = header.RootElement.GetProperty(name);
            Assert.Equal(dtype.ToString(), entry.GetProperty("dtype").GetString());
            Assert.Equal(tensors[name].Shape, entry.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()));
            var offsets = entry.GetProperty("data_offsets").EnumerateArray().Select(d => d.GetInt64()).ToArray();
            Assert.Equal([offset, offset + tensors[name].ElementCount * bytesPerValue], offsets);
            offset = offsets[1];
        }
        Assert.Equal(8 + headerLength + offset, bytes.Length);
    }

    [Fact]
    public void Write_ExistingFile_ReplacesItAndLeavesNoTemporaryFile()
    {
        var path = NewPath();
        File.WriteAllText(path, "old content");

        SafetensorsFile.Write(path, new Dictionary<string, WeightTensor> { ["x"] = new([1], [2f]) });

        Assert.Equal(2f, SafetensorsFile.Read(path)["x"].Values[0]);
        Assert.Equal([path], Directory.GetFiles(Path.GetDirectoryName(path)!));
    }

    [Fact]
    public void Write_NoMetadata_ReadsBackEmptyMetadata()
    {
        var path = NewPath();
        SafetensorsFile.Write(path, new Dictionary<string, WeightTensor> { ["x"] = new([1], [2f]) });
        Assert.Empty(SafetensorsFile.Read(path).Metadata);
        Assert.DoesNotContain("__metadata__", File.ReadAllText(path));
    }

    [Fact]
    public void Write_TensorNamedLikeTheMetadata_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            SafetensorsFile.Write(NewPath(), new Dictionary<string, WeightTensor> { ["__metadata__"] = new([1], [2f]) }));
        Assert.Contains("__metadata__", error.Message);
    }
}
