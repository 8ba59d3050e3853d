using ClassifierToolkit.Weights;

namespace ClassifierToolkit.Tests.Onnx.Weights;

/// <summary><c>SafetensorsFile.Read</c> on files assembled byte by byte: a valid one, and each way a file can be broken.</summary>
public class SafetensorsFileReadTests
{
    // One tensor of each readable dtype, plus PyTorch's BatchNorm counter as I64. Offsets are into the data below.
    private const string ValidHeader = """
        {"__metadata__":{"format":"pt"},
         "w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},
         "h":{"dtype":"F16","shape":[2],"data_offsets":[8,12]},
         "b":{"dtype":"BF16","shape":[1,2],"data_offsets":[12,16]},
         "bn1.num_batches_tracked":{"dtype":"I64","shape":[],"data_offsets":[16,24]}}
        """;

    private static readonly byte[] ValidData =
    [
        0x00, 0x00, 0x80, 0x3F, // F32 1.0 = 0x3F800000
        0x00, 0x00, 0x20, 0xC0, // F32 -2.5 = 0xC0200000 (sign, exponent 128, mantissa .25)
        0x00, 0x3E,             // F16 1.5 = 0x3E00 (exponent 15, mantissa .5 = 0x200)
        0x00, 0xB1,             // F16 -0.15625 = 0xB100 (sign, exponent 12 = 2^-3, mantissa .25 = 0x100)
        0x80, 0x3F,             // BF16 1.0 = 0x3F80 (the top half of float32 0x3F800000)
        0x60, 0xC0,             // BF16 -3.5 = 0xC060 (the top half of float32 0xC0600000)
        0x07, 0, 0, 0, 0, 0, 0, 0, // I64 7: skipped
    ];

    [Fact]
    public void Read_HandBuiltFile_ConvertsEachDtypeAndSkipsTheBatchCounter()
    {
        var path = HandBuiltSafetensors.Save(ValidHeader, ValidData);

        var weights = SafetensorsFile.Read(path);

        Assert.Equal(["w", "h", "b"], weights.Keys);
        Assert.Equal(new WeightTensor([2], [1f, -2.5f]), weights["w"]);
        Assert.Equal(new WeightTensor([2], [1.5f, -0.15625f]), weights["h"]);
        Assert.Equal(new WeightTensor([1, 2], [1f, -3.5f]), weights["b"]);
        Assert.Equal("pt", weights.Metadata["format"]);
    }

    [Fact]
    public void Read_PaddedHeaderWithoutMetadata_ReadsIt()
    {
        var path = HandBuiltSafetensors.Save("""{"x":{"dtype":"F32","shape":[],"data_offsets":[0,4]}}       """, 0x00, 0x00, 0x40, 0x40);
        var weights = SafetensorsFile.Read(path);
        Assert.Equal(3f, weights["x"].Values.Single());
        Assert.Empty(weights["x"].Shape);
    }

    [Fact]
    public void Read_MissingFile_ThrowsFileNotFoundNamingIt()
    {
        var error = Assert.Throws<FileNotFoundException>(() => SafetensorsFile.Read("/no/such/weights.safetensors"));
        Assert.Contains("/no/such/weights.safetensors", error.Message);
    }

    [Fact]
    public void Read_ShorterThanTheLength_SaysTruncated()
    {
        var path = HandBuiltSafetensors.Save([1, 2, 3, 4, 5]);
        var error = Assert.Throws<InvalidDataException>(() => SafetensorsFile.Read(path));
        Assert.Contains(path, error.Message);
        Assert.Contains("5 bytes long", error.Message);
        Assert.Contains("truncated", error.Message);
    }

    [Fact]
    public void Read_HeaderLengthBeyondTheFile_SaysSo()
    {
        var bytes = HandBuiltSafetensors.Bytes("{}");
        bytes[0] = 0xE8; // the length 2 becomes 0x03E8 = 1000
        bytes[1] = 0x03;
        var path = HandBuiltSafetensors.Save(bytes);
        var error = Assert.Throws<InvalidDataException>(() => SafetensorsFile.Read(path));
        Assert.Contains("declares a 1000-byte header, but only 2 bytes follow", error.Message);
    }

    public static TheoryData<string, byte[], string> BrokenFiles() => new()
    {
        { "{\"x\": {\"dtype\": \"F32\",", [], "not valid JSON" },
        { "[1, 2]", [], "header is a JSON Array" },
        { """{"__metadata__":{"n":1}}""", [], "'__metadata__.n' is a JSON Number; metadata values must be strings" },
        { """{"x":[1]}""", [], "tensor 'x' is a JSON Array" },
        { """{"x":{"shape":[1],"data_offsets":[0,4]}}""", [0, 0, 0, 0], "tensor 'x' has no \"dtype\"" },
        { """{"x":{"dtype":"F32","data_offsets":[0,4]}}""", [0, 0, 0, 0], "tensor 'x' has no \"shape\" array" },
        { """{"x":{"dtype":"F32","shape":[1]}}""", [0, 0, 0, 0], "tensor 'x' has no \"data_offsets\" array" },
        { """{"x":{"dtype":"F32","shape":[1],"data_offsets":[0]}}""", [0, 0, 0, 0], "tensor 'x' has 1 data_offsets; it needs exactly two" },
        { """{"x":{"dtype":"F32","shape":[-1],"data_offsets":[0,4]}}""", [0, 0, 0, 0], "tensor 'x': shape[0] is -1; a dimension cannot be negative" },
        { """{"x":{"dtype":"F32","shape":[1.5],"data_offsets":[0,4]}}""", [0, 0, 0, 0], "tensor 'x': shape[0] is 1.5; each dimension must be a whole number" },
        { """{"x":{"dtype":"F32","shape":[1],"data_offsets":[4,0]}}""", [0, 0, 0, 0], "tensor 'x' ends (byte 0) before it begins (byte 4)" },
        { """{"x":{"dtype":"F32","shape":[4],"data_offsets":[0,16]}}""", [0, 0, 0, 0, 0, 0, 0, 0], "tensor 'x' ends at byte 16 of the data buffer, which holds only 8 bytes" },
        { """{"x":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}""", [0, 0, 0, 0, 0, 0, 0, 0], "tensor 'x' is F32 of shape [3], which takes 3 × 4 bytes, but its data_offsets [0, 8] span 8 bytes" },
        { """{"x":{"dtype":"F99","shape":[1],"data_offsets":[0,4]}}""", [0, 0, 0, 0], "tensor 'x' has dtype 'F99', which is not a safetensors dtype" },
        { """{"x":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"y":{"dtype":"F32","shape":[1],"data_offsets":[2,6]}}""", [0, 0, 0, 0, 0, 0],
            "tensors 'x' (bytes 0–4) and 'y' (bytes 2–6) overlap" },
        { """{"x":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"x":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}""", [0, 0, 0, 0], "names 'x' twice" },
        { """{"step":{"dtype":"I64","shape":[],"data_offsets":[0,8]}}""", [7, 0, 0, 0, 0, 0, 0, 0], "tensor 'step' has dtype I64, which does not convert to float32" },
        { """{"mask":{"dtype":"BOOL","shape":[2],"data_offsets":[0,2]}}""", [1, 0], "tensor 'mask' has dtype BOOL" },
    };

    [Theory]
    [MemberData(nameof(BrokenFiles))]
    public void Read_BrokenFile_ThrowsInvalidDataNamingFileAndProblem(string header, byte[] data, string expected)
    {
        var path = HandBuiltSafetensors.Save(header, data);
        var error = Assert.Throws<InvalidDataException>(() => SafetensorsFile.Read(path));
        Assert.Contains($"Safetensors file '{path}'", error.Message);
        Assert.Contains(expected, error.Message);
    }
}
