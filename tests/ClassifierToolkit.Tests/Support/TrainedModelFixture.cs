using ClassifierToolkit.Data;
using ClassifierToolkit.Prediction;
using ClassifierToolkit.Preprocessing;
using ClassifierToolkit.Torch.Training;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace ClassifierToolkit.Tests.Support;

/// <summary>
/// One small CNN trained on the sample (2 epochs), saved as a .zip with the image preprocessing in front, plus the
/// sample's test images exported as PNG files. Shared by the serving tests so they train once.
/// </summary>
public sealed class TrainedModelFixture : IDisposable
{
    public TrainedModelFixture()
    {
        Folder = TestPaths.NewTempFolder();
        MLContext = new MLContext(7);
        Shape = new InputShape(1, 28, 28, [0.5f], [0.5f]);
        var trainer = new ImageClassifierTrainer(MLContext, new ImageClassifierTrainer.Options
        {
            Training = new() { Epochs = 2, Seed = 7 }, Mean = [0.5f], Std = [0.5f], ClassNames = FashionMnist.ClassNames,
        });
        Trained = trainer.FitWithDetails(SampleData.Train.ToDataView(MLContext));
        ModelPath = Path.Combine(Folder, "model.zip");
        ImageClassifier.Save(MLContext, new TransformerChain<ITransformer>(ImagePreprocessing.Fit(MLContext, Shape), Trained.Transformer), ModelPath);
        TestImages = SampleData.Test.Take(200);
        TestFiles = PngExporter.Export(TestImages, Path.Combine(Folder, "png"));
    }

    public string Folder { get; }
    public MLContext MLContext { get; }
    public InputShape Shape { get; }
    public TrainedClassifier Trained { get; }
    public string ModelPath { get; }
    public LabeledImageSet TestImages { get; }
    public IReadOnlyList<ImageFile> TestFiles { get; }

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
