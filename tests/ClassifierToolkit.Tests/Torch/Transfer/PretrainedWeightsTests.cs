using ClassifierToolkit.Tests.Support;
using ClassifierToolkit.Torch.Transfer;
using ClassifierToolkit.Weights;
using static TorchSharp.torch;

namespace ClassifierToolkit.Tests.Torch.Transfer;

public sealed class PretrainedWeightsTests : IDisposable
{
    private readonly string _folder = TestPaths.NewTempFolder();

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void LoadInto_SameModel_CopiesEveryTensorIncludingBatchNormStatistics()
    {
        using var source = TestWeights.Model("resnet8", 10, seed: 1);
        using (no_grad()) source.state_dict()["bn1.running_mean"].fill_(0.25);
        var file = TestWeights.Save(source, _folder, classes: TestWeights.Classes(10));
        using var target = TestWeights.Model("resnet8", 10, seed: 2);

        var report = PretrainedWeights.LoadInto(target, "resnet8", PretrainedWeights.Read(file), TestWeights.Classes(10));

        var expected = TestWeights.StateOf(source);
        var actual = TestWeights.StateOf(target);
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        foreach (var (name, tensor) in expected) Assert.Equal(tensor.Values, actual[name].Values);
        Assert.Equal(expected.Count, report.Loaded);
        Assert.False(report.HeadReplaced);
    }

    [Theory]
    [InlineData(3, "class")]  // another class count
    [InlineData(10, "other")] // as many classes, but other ones: the old head would start confidently wrong
    public void LoadInto_OtherClasses_ReplacesOnlyTheHead(int classes, string prefix)
    {
        using var source = TestWeights.Model("resnet8", 10, seed: 1);
        var file = TestWeights.Save(source, _folder, classes: TestWeights.Classes(10));
        using var target = TestWeights.Model("resnet8", classes, seed: 2);

        var report = PretrainedWeights.LoadInto(target, "resnet8", PretrainedWeights.Read(file), TestWeights.Classes(classes, prefix));

        var expected = TestWeights.StateOf(source);
        var actual = TestWeights.StateOf(target);
        Assert.True(report.HeadReplaced);
        // A new head starts at zero: every class equally likely.
        Assert.All(actual["fc.weight"].Values.Concat(actual["fc.bias"].Values), v => Assert.Equal(0f, v));
        Assert.Equal([classes, 64L], actual["fc.weight"].Shape);
        foreach (var name in actual.Keys.Where(n => !n.StartsWith("fc.", StringComparison.Ordinal)))
            Assert.Equal(expected[name].Values, actual[name].Values);
    }

    [Fact]
    public void LoadInto_RgbWeightsForGreyImages_SumsTheFirstConvolutionOverItsInputChannels()
    {
        using var source = TestWeights.Model("resnet8", 10, channels: 3, seed: 1);
        var file = TestWeights.Save(source, _folder, classes: TestWeights.Classes(10));
        using var target = TestWeights.Model("resnet8", 10, channels: 1, seed: 2);

        var report = PretrainedWeights.LoadInto(target, "resnet8", PretrainedWeights.Read(file), TestWeights.Classes(10));

        Assert.Equal(["conv1.weight"], report.AdaptedChannels);
        var expected = source.state_dict()["conv1.weight"].sum(1, keepdim: true);
        Assert.True(target.state_dict()["conv1.weight"].allclose(expected, rtol: 1e-6, atol: 1e-7));
        // A grey image replicated to RGB gives the RGB network's response: the point of summing.
        var grey = rand(2, 1, 28, 28);
        source.eval();
        target.eval();
        using var noGrad = no_grad();
        Assert.True(target.forward(grey).allclose(source.forward(grey.expand(2, 3, 28, 28)), rtol: 1e-4, atol: 1e-5));
    }

    [Fact]
    public void LoadInto_WeightsOfAnotherArchitecture_NamesTheFirstMissingTensor()
    {
        using var source = TestWeights.Model("resnet8", 10);
        var file = TestWeights.Save(source, _folder);
        using var target = TestWeights.Model("cnn", 10);

        var error = Assert.Throws<InvalidDataException>(() => PretrainedWeights.LoadInto(target, "cnn", PretrainedWeights.Read(file), TestWeights.Classes(10)));
        Assert.Contains("lacks tensor 'conv1.bias'", error.Message);
        Assert.Contains(file, error.Message);
    }

    [Fact]
    public void LoadInto_ExtraTensor_IsNamedAsUnexpected()
    {
        using var source = TestWeights.Model("resnet8", 10);
        var tensors = TestWeights.StateOf(source);
        tensors["layer4.0.conv1.weight"] = new WeightTensor([2, 2], [1, 2, 3, 4]);
        var file = Path.Combine(_folder, "extra.safetensors");
        SafetensorsFile.Write(file, tensors);

        var error = Assert.Throws<InvalidDataException>(() => PretrainedWeights.LoadInto(source, "resnet8", PretrainedWeights.Read(file), TestWeights.Classes(10)));
        Assert.Contains("'layer4.0.conv1.weight' [2, 2]", error.Message);
        Assert.Contains("does not have", error.Message);
    }

    [Fact]
    public void LoadInto_TensorOfAnotherShape_NamesBothShapes()
    {
        using var source = TestWeights.Model("resnet8", 10);
        var tensors = TestWeights.StateOf(source);
        tensors["layer1.0.bn1.weight"] = new WeightTensor([8], new float[8]);
        var file = Path.Combine(_folder, "shape.safetensors");
        SafetensorsFile.Write(file, tensors);

        var error = Assert.Throws<InvalidDataException>(() => PretrainedWeights.LoadInto(source, "resnet8", PretrainedWeights.Read(file), TestWeights.Classes(10)));
        Assert.Contains("'layer1.0.bn1.weight' is [8] but resnet8 needs [16]", error.Message);
    }

    [Fact]
    public void Read_MissingOrUnknownFile_SaysWhatToGive()
    {
        var missing = Assert.Throws<FileNotFoundException>(() => PretrainedWeights.Read(Path.Combine(_folder, "none.safetensors")));
        Assert.Contains("local files only", missing.Message);
        var other = Path.Combine(_folder, "weights.pth");
        File.WriteAllText(other, "not weights");
        var unknown = Assert.Throws<InvalidDataException>(() => PretrainedWeights.Read(other));
        Assert.Contains(".safetensors", unknown.Message);
    }
}
