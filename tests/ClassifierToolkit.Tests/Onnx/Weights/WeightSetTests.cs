using ClassifierToolkit.Weights;

namespace ClassifierToolkit.Tests.Onnx.Weights;

public class WeightSetTests
{
    private static readonly Dictionary<string, WeightTensor> Tensors = new()
    {
        ["fc.weight"] = new WeightTensor([1, 2], [1f, 2f]),
        ["conv1.bias"] = new WeightTensor([1], [3f]),
    };

    [Fact]
    public void Keys_KeepTheGivenOrder()
    {
        var set = new WeightSet("a.safetensors", Tensors);
        Assert.Equal(["fc.weight", "conv1.bias"], set.Keys);
        Assert.Equal(["fc.weight", "conv1.bias"], set.Select(p => p.Key));
        Assert.Empty(set.Metadata);
    }

    [Fact]
    public void Indexer_UnknownName_ThrowsNamingTheSource()
    {
        var set = new WeightSet("a.safetensors", Tensors);
        var error = Assert.Throws<KeyNotFoundException>(() => set["fc.bias"]);
        Assert.Contains("a.safetensors has no tensor named 'fc.bias'", error.Message);
    }

    [Fact]
    public void Constructor_CopiesTheInputs()
    {
        var tensors = new Dictionary<string, WeightTensor>(Tensors);
        var metadata = new Dictionary<string, string> { ["ctk.model"] = "cnn" };
        var set = new WeightSet("a.safetensors", tensors, metadata);
        tensors.Clear();
        metadata.Clear();
        Assert.Equal(2, set.Count);
        Assert.Equal("cnn", set.Metadata["ctk.model"]);
    }
}
