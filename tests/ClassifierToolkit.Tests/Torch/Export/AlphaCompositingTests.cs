using ClassifierToolkit.Data;
using ClassifierToolkit.Onnx;
using ClassifierToolkit.Pipelines;
using ClassifierToolkit.Prediction;
using ClassifierToolkit.Preprocessing;
using ClassifierToolkit.Tests.Support;
using ClassifierToolkit.Torch.Export;
using ClassifierToolkit.Torch.Models;
using ClassifierToolkit.Torch.Models.Registry;
using ClassifierToolkit.Torch.Training;
using ClassifierToolkit.Torch.Weights;
using ClassifierToolkit.Weights;
using DenseTensor = Microsoft.ML.OnnxRuntime.Tensors.DenseTensor<float>;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.OnnxRuntime;
using static TorchSharp.torch;

namespace ClassifierToolkit.Tests.Torch.Export;

/// <summary>
/// Transparent pictures composited onto white the same way in training (TorchSharp, as pixels are read) and in the saved
/// model (the ONNX graph's first nodes), served by ML.NET's PredictionEngine and by the batched scorer.
/// </summary>
public class AlphaCompositingTests
{
    private const int Side = 28;

    private static ITransformer Preprocessing(MLContext mlContext, InputShape shape, ResizeKind resize = ResizeKind.Stretch) =>
        ImagePreprocessing.Fit(mlContext, shape, resize);

    private static IDataView Rows(MLContext mlContext, params string[] paths) =>
        mlContext.Data.LoadFromEnumerable(paths.Select(p => new ImageFile { ImagePath = p, Label = "x" }).ToList());

    // What training feeds the network's first layer: the reader's tensor of the preprocessed files.
    private static Tensor TrainingPixels(InputShape shape, ResizeKind resize, params string[] paths)
    {
        var mlContext = new MLContext(1);
        var view = Preprocessing(mlContext, shape, resize).Transform(Rows(mlContext, paths));
        using var read = DataViewTensorReader.Read(view, ColumnNames.Pixels, ColumnNames.Label, ["x", "y"], shape);
        return read.Pixels.clone();
    }

    [Theory]
    [InlineData(3)]
    [InlineData(1)]
    public void OnnxNodes_AndTorchSharp_CompositeBitForBit(int channels)
    {
        var (black, _) = TransparentPictures.WritePair(TestPaths.NewTempFolder(), 40);
        var opaque = Path.Combine(TestPaths.NewTempFolder(), "opaque.png");
        TestImages.Write(opaque, 33, 29, TestImages.Kind.Rgb);
        var shape = new InputShape(channels, Side, Side) { Alpha = true };
        var mlContext = new MLContext(1);
        var planes = Preprocessing(mlContext, shape).Transform(Rows(mlContext, black, opaque)).GetColumn<float[]>(ColumnNames.Pixels).SelectMany(p => p).ToArray();

        using var input = tensor(planes, [2, shape.PixelPlanes, Side, Side]);
        using var composited = AlphaCompositing.Apply(input);
        var graph = new OnnxGraphBuilder();
        graph.AddInput(ColumnNames.Pixels, null, shape.PixelPlanes, Side, Side);
        graph.AddNode("Identity", [AlphaCompositing.ExportOnnx(graph, ColumnNames.Pixels, channels)], "Composited");
        graph.AddOutput("Composited", OnnxElementType.Float, null, channels, Side, Side);
        using var session = new InferenceSession(graph.ToBytes());
        using var results = session.Run([NamedOnnxValue.CreateFromTensor(ColumnNames.Pixels, new DenseTensor(planes, [2, shape.PixelPlanes, Side, Side]))]);
        var fromOnnx = results.Single().AsEnumerable<float>().ToArray();

        var fromTorch = composited.data<float>().ToArray();
        Assert.Equal(new long[] { 2, channels, Side, Side }, composited.shape);
        Assert.Equal(fromTorch.Select(BitConverter.SingleToInt32Bits), fromOnnx.Select(BitConverter.SingleToInt32Bits));
        // The transparent corner is white; the opaque picture keeps its colour planes exactly.
        for (int c = 0; c < channels; c++) Assert.Equal(1f, fromTorch[c * Side * Side]);
        int size = channels * Side * Side;
        Assert.Equal(planes.AsSpan(size + Side * Side + Side * Side, size).ToArray(), fromTorch.AsSpan(size, size).ToArray());
    }

    [Theory]
    [InlineData(3, ResizeKind.Stretch)]
    [InlineData(1, ResizeKind.CenterCrop)]
    public void TrainingTensors_HiddenBlackOrRed_AreIdentical_WhiteUnderTransparency(int channels, ResizeKind resize)
    {
        var (black, red) = TransparentPictures.WritePair(TestPaths.NewTempFolder(), 40);

        using var pixels = TrainingPixels(new InputShape(channels, Side, Side) { Alpha = true }, resize, black, red);

        Assert.Equal(new long[] { 2, channels, Side, Side }, pixels.shape);
        Assert.Equal(pixels[0].data<float>().ToArray(), pixels[1].data<float>().ToArray());
        Assert.Equal(1f, pixels[0, 0, 0, 0].item<float>());
        Assert.InRange(pixels.min().item<float>(), 0f, 1f);
        Assert.InRange(pixels.max().item<float>(), 0f, 1f);
    }

    [Fact]
    public void TrainingTensors_OpaquePicture_AreExactlyThoseReadWithoutAlpha()
    {
        var folder = TestPaths.NewTempFolder();
        var png = Path.Combine(folder, "rgb.png");
        var jpeg = Path.Combine(folder, "photo.jpg");
        TestImages.Write(png, 50, 30, TestImages.Kind.Rgb);
        TestImages.Write(jpeg, 31, 47, TestImages.Kind.Rgb);

        using var withAlpha = TrainingPixels(new InputShape(3, Side, Side) { Alpha = true }, ResizeKind.CenterCrop, png, jpeg);
        using var before = TrainingPixels(new InputShape(3, Side, Side), ResizeKind.CenterCrop, png, jpeg);

        Assert.Equal(before.data<float>().ToArray(), withAlpha.data<float>().ToArray());
    }

    // An untrained (seeded, perturbed) network saved as the trainer saves it: preprocessing, the ONNX network and the scorer.
    private static string Save(ImageClassifierModule network, InputShape shape, ResizeKind resize, string name)
    {
        var mlContext = new MLContext(1);
        var scorer = ServingChain.Create(mlContext, OnnxExporter.Export(network, shape), FashionMnist.ClassNames, shape);
        var path = Path.Combine(TestPaths.NewTempFolder(), name);
        SavedClassifier.Save(mlContext, new TransformerChain<ITransformer>(Preprocessing(mlContext, shape, resize), scorer), path);
        return path;
    }

    private static ImageClassifierModule Network(InputShape shape)
    {
        var network = SeededModelFactory.Create("cnn", new ModelOptions(FashionMnist.ClassNames.Count, shape), seed: 5);
        using (no_grad()) OnnxParity.Perturb(network);
        network.eval();
        return network;
    }

    [Theory]
    [InlineData(3, ResizeKind.Stretch)]
    [InlineData(1, ResizeKind.CenterCrop)]
    public void SavedModel_RgbaPicture_ServedProbabilitiesEqualTorchSharps_AndIgnoreTheHiddenColour(int channels, ResizeKind resize)
    {
        var folder = TestPaths.NewTempFolder();
        var (black, red) = TransparentPictures.WritePair(folder, 40);
        var (black2, red2) = TransparentPictures.WritePair(folder, 36, variant: 1);
        string[] pictures = [black, red, black2, red2];
        var shape = new InputShape(channels, Side, Side, [0.5f], [0.25f]) { Alpha = true };
        using var network = Network(shape);
        var modelPath = Save(network, shape, resize, "rgba.zip");

        float[] expected;
        using (var pixels = TrainingPixels(shape, resize, pictures))
        using (var normalization = new InputNormalization(shape, CPU))
        using (no_grad())
        using (var probabilities = nn.functional.softmax(network.forward(normalization.Apply(pixels)), 1))
            expected = probabilities.data<float>().ToArray();
        using var engine = MlNetEngine.Load(modelPath);
        using var batched = ImageClassifier.Load(modelPath);
        var fromEngine = pictures.Select(p => engine.Predict(p).Score).ToList();
        var fromBatch = batched.PredictBatch([.. pictures.Select(ImageData.FromFile)]).Select(p => p.Scores.ToArray()).ToList();

        int classes = FashionMnist.ClassNames.Count;
        for (int i = 0; i < pictures.Length; i++)
        {
            var torch = expected.AsSpan(i * classes, classes).ToArray();
            Assert.True(torch.Zip(fromEngine[i]).Max(p => Math.Abs(p.First - p.Second)) < 1e-5, $"{Path.GetFileName(pictures[i])}: PredictionEngine differs from TorchSharp");
            Assert.True(torch.Zip(fromBatch[i]).Max(p => Math.Abs(p.First - p.Second)) < 1e-5, $"{Path.GetFileName(pictures[i])}: batched scorer differs from TorchSharp");
        }
        for (int i = 0; i < pictures.Length; i += 2)
        {
            Assert.Equal(fromEngine[i], fromEngine[i + 1]);
            Assert.Equal(fromBatch[i], fromBatch[i + 1]);
        }
        Assert.True(batched.Alpha);
        Assert.Equal((channels, channels + 1), (batched.Channels, batched.PixelPlanes));
        Assert.Equal(AlphaCompositing.OntoWhite, batched.Metadata[AlphaCompositing.MetadataKey]);
    }

    [Fact]
    public void SavedModel_OpaquePicture_PredictsExactlyAsTheSameNetworkSavedWithoutAlpha()
    {
        var folder = TestPaths.NewTempFolder();
        var pictures = new[] { "rgb.png", "photo.jpg" }.Select(name => Path.Combine(folder, name)).ToArray();
        TestImages.Write(pictures[0], 50, 30, TestImages.Kind.Rgb);
        TestImages.Write(pictures[1], 31, 47, TestImages.Kind.Rgb);
        var before = new InputShape(3, Side, Side, [0.5f, 0.4f, 0.3f], [0.25f, 0.2f, 0.3f]);
        using var network = Network(before);
        var withoutAlpha = Save(network, before, ResizeKind.Stretch, "before.zip");
        var withAlpha = Save(network, before with { Alpha = true }, ResizeKind.Stretch, "alpha.zip");

        using var old = MlNetEngine.Load(withoutAlpha);
        using var now = MlNetEngine.Load(withAlpha);
        using var oldBatched = ImageClassifier.Load(withoutAlpha);
        using var nowBatched = ImageClassifier.Load(withAlpha);

        foreach (var picture in pictures) Assert.Equal(old.Predict(picture).Score, now.Predict(picture).Score);
        var images = pictures.Select(ImageData.FromFile).ToList();
        Assert.Equal(oldBatched.PredictBatch(images).Select(p => p.Scores.ToArray()), nowBatched.PredictBatch(images).Select(p => p.Scores.ToArray()));
        Assert.False(oldBatched.Metadata.ContainsKey(AlphaCompositing.MetadataKey));
    }
}
