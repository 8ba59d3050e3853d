using ClassifierToolkit.Data;
using ClassifierToolkit.Prediction;
using ClassifierToolkit.Preprocessing;
using ClassifierToolkit.Torch.Training;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace ClassifierToolkit.Tests.Support;

/// <summary>
/// One small CNN trained on the sample (2 epochs), saved as a .zip with the image preprocessing in front, plus the
/// sample's test images exported as PNG files. Trained once per test run and shared by every class that uses it (read,
/// never written); the run's temporary folder goes at its end. For the in-process tests only: see <see cref="ShippedModelFixture"/>.
/// </summary>
public sealed class TrainedModelFixture
{
    private static readonly Lazy<TrainedModelFixture> Shared = new(Train);

    public TrainedModelFixture()
    {
        var shared = Shared.Value;
        (Folder, MLContext, Shape, Trained, ModelPath, TestImages, TestFiles) =
            (shared.Folder, shared.MLContext, shared.Shape, shared.Trained, shared.ModelPath, shared.TestImages, shared.TestFiles);
    }

    private TrainedModelFixture(string folder, MLContext mlContext, InputShape shape, TrainedClassifier trained, string modelPath,
        LabeledImageSet testImages, IReadOnlyList<ImageFile> testFiles) =>
        (Folder, MLContext, Shape, Trained, ModelPath, TestImages, TestFiles) = (folder, mlContext, shape, trained, modelPath, testImages, testFiles);

    private static TrainedModelFixture Train()
    {
        var folder = TestPaths.NewTempFolder();
        var mlContext = new MLContext(7);
        var trainer = new ImageClassifierTrainer(mlContext, new ImageClassifierTrainer.Options
        {
            Training = new() { Epochs = 2, Seed = 7 }, Mean = [0.5f], Std = [0.5f], ClassNames = FashionMnist.ClassNames,
        });
        var trained = trainer.FitWithDetails(SampleData.Train.ToDataView(mlContext));
        var shape = trained.Input;
        var modelPath = Path.Combine(folder, "model.zip");
        SavedClassifier.Save(mlContext, new TransformerChain<ITransformer>(ImagePreprocessing.Fit(mlContext, shape), trained.Transformer), modelPath);
        var testImages = SampleData.Test.Take(200);
        return new TrainedModelFixture(folder, mlContext, shape, trained, modelPath, testImages, PngExporter.Export(testImages, Path.Combine(folder, "png")));
    }

    public string Folder { get; }
    public MLContext MLContext { get; }
    public InputShape Shape { get; }
    public TrainedClassifier Trained { get; }
    public string ModelPath { get; }
    public LabeledImageSet TestImages { get; }
    public IReadOnlyList<ImageFile> TestFiles { get; }
}
