using ClassifierToolkit.Data;
using ClassifierToolkit.Pipelines;
using ClassifierToolkit.Prediction;
using ClassifierToolkit.Preprocessing;
using ClassifierToolkit.Tests.Support;
using ClassifierToolkit.Torch.Export;
using ClassifierToolkit.Torch.Models;
using ClassifierToolkit.Torch.Models.Registry;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace ClassifierToolkit.Tests.Prediction;

/// <summary>The batched ONNX Runtime path against ML.NET's PredictionEngine on the same saved .zip, for every registered model.</summary>
public class ImageClassifierParityTests
{
    private static readonly Lazy<IReadOnlyList<ImageFile>> GreyImages = new(() => PngExporter.Export(SampleData.Test.Take(12), Path.Combine(TestPaths.NewTempFolder(), "png")));

    public static TheoryData<string> RegisteredModels()
    {
        var data = new TheoryData<string>();
        foreach (var name in ModelRegistry.Default.Names) data.Add(name);
        return data;
    }

    // Saves an untrained (seeded, perturbed) model exactly as the trainer does: preprocessing, then the ONNX network and scorer.
    private static string SaveModel(string name, InputShape shape)
    {
        using var network = SeededModelFactory.Create(name, new ModelOptions(FashionMnist.ClassNames.Count, shape), seed: 5);
        using (TorchSharp.torch.no_grad()) OnnxParity.Perturb(network);
        var mlContext = new MLContext(1);
        var scorer = ServingChain.Create(mlContext, OnnxExporter.Export(network, shape), FashionMnist.ClassNames, shape);
        var path = Path.Combine(TestPaths.NewTempFolder(), $"{name}.zip");
        SavedClassifier.Save(mlContext, new TransformerChain<ITransformer>(ImagePreprocessing.Fit(mlContext, shape), scorer), path);
        return path;
    }

    private static void AssertSameAsMlNet(string modelPath, IReadOnlyList<string> images)
    {
        using var reference = MlNetEngine.Load(modelPath);
        using var served = ImageClassifier.Load(modelPath);

        var batch = served.PredictBatch([.. images.Select(ImageData.FromFile)]);

        for (int i = 0; i < images.Count; i++)
        {
            var expected = reference.Predict(images[i]);
            Assert.Equal(expected.PredictedLabel, batch[i].PredictedLabel);
            var worst = expected.Score.Zip(batch[i].Scores).Max(p => Math.Abs(p.First - p.Second));
            Assert.True(worst < 1e-5, $"{Path.GetFileName(images[i])}: max |ML.NET − batched| = {worst}");
        }
    }

    [Theory]
    [MemberData(nameof(RegisteredModels))]
    public void PredictBatch_EveryRegisteredModel_SameAsMlNetPredictionEngine(string name) =>
        AssertSameAsMlNet(SaveModel(name, new InputShape(1, 28, 28, [0.2860f], [0.3530f]) { Alpha = true }), [.. GreyImages.Value.Select(f => f.ImagePath)]);

    [Fact]
    public void PredictBatch_RgbModelOnImagesOfOtherSizesAndFormats_SameAsMlNetPredictionEngine()
    {
        var folder = TestPaths.NewTempFolder();
        var images = new List<string>();
        foreach (var (file, kind, width, height) in new[] { ("wide.png", TestImages.Kind.Rgb, 48, 20), ("tall.jpg", TestImages.Kind.Rgb, 17, 41),
                     ("alpha.png", TestImages.Kind.Rgba, 32, 32), ("grey.bmp", TestImages.Kind.Grey, 25, 25) })
        {
            images.Add(Path.Combine(folder, file));
            TestImages.Write(images[^1], width, height, kind);
        }

        AssertSameAsMlNet(SaveModel("cnn", new InputShape(3, 32, 32, [0.5f, 0.4f, 0.3f], [0.25f, 0.2f, 0.3f]) { Alpha = true }), images);
    }
}
