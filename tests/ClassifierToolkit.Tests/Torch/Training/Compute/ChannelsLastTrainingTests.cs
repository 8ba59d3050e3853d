using ClassifierToolkit.Pipelines;
using ClassifierToolkit.Preprocessing;
using ClassifierToolkit.Tests.Support;
using ClassifierToolkit.Torch.Export;
using ClassifierToolkit.Torch.Models;
using ClassifierToolkit.Torch.Models.Cnn;
using ClassifierToolkit.Torch.Models.Registry;
using ClassifierToolkit.Torch.Training;
using ClassifierToolkit.Torch.Training.Compute;
using TorchSharp;
using static TorchSharp.torch;

namespace ClassifierToolkit.Tests.Torch.Training.Compute;

public class ChannelsLastTrainingTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void ChannelsLastInput_MakesTheFirstConvolutionAndWhatFollowsRunChannelsLast(int channels)
    {
        using var conv = nn.Conv2d(channels, 8, 3, padding: 1);
        using var images = randn([4, channels, 10, 12], generator: new Generator(2));
        using var nchw = conv.forward(images);
        using var laidOut = ChannelsLastInput.Of(images);
        using var channelsLast = conv.forward(laidOut);

        Assert.True(laidOut.equal(images).all().item<bool>(), "Laying the batch out channels-last changed its values.");
        // A batch that is a view into a larger tensor (starting past its storage's first element) keeps its own values.
        using var tail = images.narrow(0, 1, 3);
        using var tailLaidOut = ChannelsLastInput.Of(tail);
        Assert.True(tailLaidOut.equal(tail).all().item<bool>(), "A view's values changed when laid out channels-last.");
        Assert.Equal(10 * 12, nchw.stride(1));
        // Channel stride 1: libtorch ran the convolution channels-last, and the next layer receives NHWC.
        Assert.Equal(1, channelsLast.stride(1));
        Assert.True(channelsLast.allclose(nchw, rtol: 1e-4, atol: 1e-5));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void ChannelsLast_GivesTheNchwLogitsAndGradientsUpToFp32Rounding(int channels)
    {
        var shape = new InputShape(channels, 28, 28);
        ImageClassifierModule Model() => SeededModelFactory.Create("resnet8", ModelOptions.From(new ModelSpec { Name = "resnet8" }, 10, shape), 5);
        using var inputs = randn([8, channels, 28, 28], generator: new Generator(11));
        using var targets = arange(8L).remainder(10);

        // The answer itself, near enough: the same model and batch in float64.
        using var exactModel = Model();
        exactModel.to(float64).train();
        var (exactLogits, exactGradients) = LogitsAndGradients(exactModel, exactModel.forward(inputs.to(float64)), targets);
        // In the model itself, NCHW.
        using var model = Model();
        model.train();
        var (nchwLogits, nchwGradients) = LogitsAndGradients(model, model.forward(inputs), targets);
        model.zero_grad();
        using var compute = TrainingCompute.For(new TrainingSpec { MemoryFormat = MemoryFormatKind.ChannelsLast, Precision = PrecisionKind.Fp32 }, model, CPU);
        Assert.True(compute.ChannelsLast);
        compute.StartEpoch();
        using var logits = compute.Logits(inputs);
        nn.functional.cross_entropy(logits, targets).backward();
        compute.GradientsToModel();

        // Both layouts add the same products in some order; judged against the float64 answer, each is off by fp32 rounding
        // only. A weight gradient sums thousands of products that BatchNorm's backward makes cancel (its output gradient has
        // zero mean per channel), so rounding shows more there: measured up to 2.4e-3 of the norm (one thread, or oneDNN's AVX2
        // kernels), 4e-6 on two AVX-512 threads. A wrong layout, a lost image or a mixed-up channel is off by 1e-1 and more.
        AssertNearExact(nchwLogits, exactLogits, 1e-5, "NCHW logits");
        AssertNearExact(logits, exactLogits, 1e-5, "channels-last logits");
        foreach (var ((name, parameter), (nchw, exact)) in model.named_parameters().Zip(nchwGradients.Zip(exactGradients)))
        {
            Assert.True(parameter.grad!.is_contiguous(), $"The gradient of {name} is not laid out like its NCHW weight.");
            AssertNearExact(nchw, exact, 2e-2, $"NCHW gradient of {name}");
            AssertNearExact(parameter.grad!, exact, 2e-2, $"channels-last gradient of {name}");
        }
    }

    private static (Tensor Logits, List<Tensor> Gradients) LogitsAndGradients(ImageClassifierModule model, Tensor logits, Tensor targets)
    {
        nn.functional.cross_entropy(logits, targets).backward();
        return (logits.detach().to(float32), model.parameters().Select(p => p.grad!.to(float32).clone()).ToList());
    }

    private static void AssertNearExact(Tensor actual, Tensor exact, double tolerance, string what)
    {
        TensorAssert.Close(actual, exact, tolerance, $"{what} against float64");
    }

    [Fact]
    public void Fit_ChannelsLast_TracksNchwIncludingDropoutMasks()
    {
        // cnn-plus has dropout and BatchNorm: the layout must change neither the masks drawn nor the statistics gathered.
        var nchw = TrainCnnPlus(MemoryFormatKind.Nchw);
        var channelsLast = TrainCnnPlus(MemoryFormatKind.ChannelsLast);
        Assert.True(Math.Abs(channelsLast - nchw) < 0.01 * nchw, $"channels-last train loss {channelsLast} vs NCHW {nchw}.");
    }

    [Fact]
    public void For_AutoComputesChannelsLastOnlyForModelsThatTrainFasterSo_AndBf16InATwin()
    {
        var shape = new InputShape(1, 28, 28);
        ImageClassifierModule Registered(string name) => SeededModelFactory.Create(name, ModelOptions.From(new ModelSpec { Name = name }, 10, shape), 1);
        var auto = new TrainingSpec();
        using (var resnet = Registered("resnet8"))
        {
            using (var compute = TrainingCompute.For(auto, resnet, CPU)) Assert.True(compute.ChannelsLast);
            using (var compute = TrainingCompute.For(auto with { MemoryFormat = MemoryFormatKind.Nchw }, resnet, CPU)) Assert.False(compute.ChannelsLast);
            using (var compute = TrainingCompute.For(auto with { Precision = PrecisionKind.Bf16 }, resnet, CPU))
            {
                Assert.IsType<TwinCompute>(compute);
                Assert.True(compute.ChannelsLast);
            }
        }
        using (var vit = Registered("vit"))
        using (var compute = TrainingCompute.For(auto, vit, CPU))
            Assert.False(compute.ChannelsLast);
        // Built outside the registry: channels-last needs no twin, bf16 does, and asking for it says what to do.
        using var unregistered = new SeedCnn(ModelOptions.From(new ModelSpec { Name = "cnn" }, 10, shape));
        using (var compute = TrainingCompute.For(auto, unregistered, CPU))
        {
            Assert.IsNotType<TwinCompute>(compute);
            Assert.True(compute.ChannelsLast);
        }
        var error = Assert.Throws<NotSupportedException>(() => TrainingCompute.For(auto with { Precision = PrecisionKind.Bf16 }, unregistered, CPU));
        Assert.Contains("training.precision fp32", error.Message);
    }

    private static double TrainCnnPlus(MemoryFormatKind format)
    {
        var shape = new InputShape(1, 28, 28, [0.5f], [0.5f]);
        using var model = SeededModelFactory.Create("cnn-plus", ModelOptions.From(new ModelSpec { Name = "cnn-plus" }, 10, shape), 3);
        using var data = SampleData.TrainTensors(512);
        using var normalization = new InputNormalization(shape, CPU);
        var recipe = new TrainingSpec { Epochs = 1, BatchSize = 64, Seed = 3, MemoryFormat = format };
        return new TrainingLoop(recipe).Fit(model, normalization, data, null, CPU)[^1].TrainLoss;
    }
}
