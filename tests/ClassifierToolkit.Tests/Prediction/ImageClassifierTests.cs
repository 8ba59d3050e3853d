using ClassifierToolkit.Prediction;
using ClassifierToolkit.Tests.Support;
using Microsoft.ML.Data;

namespace ClassifierToolkit.Tests.Prediction;

public class ImageClassifierTests(TrainedModelFixture model) : IClassFixture<TrainedModelFixture>
{
    private const float Tolerance = 1e-5f;

    [Fact]
    public void PredictBatch_TestImages_SameAsMlNetPredictionEngine()
    {
        var files = model.TestFiles.Take(64).ToList();
        using var reference = MlNetEngine.Load(model.ModelPath);
        // Two threads whatever the machine's cores: one thread scores a batch whole on the first session (a 1-core machine would).
        using var served = ImageClassifier.Load(new ImageClassifier.Options { ModelPath = model.ModelPath, Threads = 2 });

        var predictions = served.PredictBatch([.. files.Select(f => ImageData.FromFile(f.ImagePath))]);

        // 64 images: runs of 32 on the second session, each checked against ML.NET below.
        Assert.True(served.RanInRuns);
        for (int i = 0; i < files.Count; i++)
        {
            var expected = reference.Predict(files[i].ImagePath);
            Assert.Equal(expected.PredictedLabel, predictions[i].PredictedLabel);
            Assert.Equal(expected.Score, predictions[i].Scores, (a, b) => Math.Abs(a - b) < Tolerance);
        }
    }

    [Fact]
    public void Predict_PathBytesStreamAndImage_GiveTheSameScores()
    {
        var file = model.TestFiles[3].ImagePath;
        using var served = ImageClassifier.Load(model.ModelPath);
        using var decoded = MLImage.CreateFromFile(file);
        using var stream = File.OpenRead(file);

        var fromPath = served.Predict(ImageData.FromFile(file));
        var others = new[]
        {
            served.Predict(ImageData.FromBytes(File.ReadAllBytes(file))),
            served.Predict(ImageData.FromStream(stream)),
            served.Predict(ImageData.FromImage(decoded)),
        };

        Assert.All(others, p => Assert.Equal(fromPath.Scores, p.Scores));
        Assert.Equal(1f, fromPath.Scores.Sum(), 1e-4f);
    }

    [Fact]
    public void PredictPixels_ModelOnly_SameAsFromFiles()
    {
        var files = model.TestFiles.Take(10).ToList();
        using var served = ImageClassifier.Load(model.ModelPath);
        var pixels = model.TestImages.Take(10).ToDataView(model.MLContext).GetColumn<float[]>(ColumnNames.Pixels).SelectMany(p => p).ToArray();

        var fromPixels = served.PredictPixels(pixels, 10);
        var fromFiles = served.PredictBatch([.. files.Select(f => ImageData.FromFile(f.ImagePath))]);

        for (int i = 0; i < 10; i++) Assert.Equal(fromFiles[i].Scores, fromPixels[i].Scores, (a, b) => Math.Abs(a - b) < Tolerance);
    }

    [Fact]
    public void PredictBatch_SampleTestSet_WellAboveChance()
    {
        using var served = ImageClassifier.Load(model.ModelPath);
        var predictions = served.PredictBatch([.. model.TestFiles.Select(f => ImageData.FromFile(f.ImagePath))]);
        var accuracy = model.TestFiles.Zip(predictions).Count(p => p.First.Label == p.Second.PredictedLabel) / (double)predictions.Count;
        Assert.InRange(accuracy, 0.5, 1.0);
    }

    [Fact]
    public void Identity_NamesTheFileItsHashAndSize()
    {
        using var served = ImageClassifier.Load(model.ModelPath);
        Assert.Equal(Path.GetFullPath(model.ModelPath), served.Identity.Path);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(model.ModelPath))), served.Identity.Sha256);
        Assert.Equal(new FileInfo(model.ModelPath).Length, served.Identity.SizeBytes);
        Assert.Equal((1, 28, 28), (served.Channels, served.Height, served.Width));
        Assert.Equal(10, served.ClassNames.Count);
    }

    [Fact]
    public void PredictBatch_OneCorruptImage_NamesIt()
    {
        var broken = Path.Combine(TestPaths.NewTempFolder(), "notes.png");
        File.WriteAllText(broken, "this is text, not a PNG");
        using var served = ImageClassifier.Load(model.ModelPath);
        var images = model.TestFiles.Take(5).Select(f => ImageData.FromFile(f.ImagePath)).Append(ImageData.FromFile(broken)).ToList();

        var error = Assert.Throws<InvalidDataException>(() => served.PredictBatch(images));

        Assert.Contains("notes.png", error.Message);
        Assert.Contains("could not be read as an image", error.Message);
    }

    [Fact]
    public void Predict_EmptyBytes_SaysEmpty()
    {
        using var served = ImageClassifier.Load(model.ModelPath);
        var error = Assert.Throws<InvalidDataException>(() => served.Predict(ImageData.FromBytes([], "upload.png")));
        Assert.Contains("'upload.png' is empty", error.Message);
    }

    [Fact]
    public void Predict_MissingFile_NamesIt()
    {
        using var served = ImageClassifier.Load(model.ModelPath);
        var error = Assert.Throws<FileNotFoundException>(() => served.Predict(ImageData.FromFile("/no/such/shirt.png")));
        Assert.Contains("/no/such/shirt.png", error.Message);
    }

    [Fact]
    public void Load_TruncatedModel_NamesTheFile()
    {
        var path = Path.Combine(TestPaths.NewTempFolder(), "half.zip");
        var bytes = File.ReadAllBytes(model.ModelPath);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);

        var error = Assert.Throws<InvalidDataException>(() => ImageClassifier.Load(path));

        Assert.Contains("half.zip", error.Message);
        Assert.Contains("not a readable model", error.Message);
    }
}
