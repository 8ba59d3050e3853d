using ClassifierToolkit.Onnx.Ensembles;
using ClassifierToolkit.Pipelines;
using ClassifierToolkit.Prediction;
using ClassifierToolkit.Preprocessing;
using ClassifierToolkit.Tests.Support;

namespace ClassifierToolkit.Tests.Onnx.Ensembles;

public class ModelEnsemblerTests(TrainedModelFixture model) : IClassFixture<TrainedModelFixture>
{
    private const int Images = 50;
    private readonly string _folder = TestPaths.NewTempFolder();

    [Fact]
    public void CombineFiles_TwoWeightedMembers_ServedByPlainMlNetScoreIsTheWeightedMeanOfTheirScores()
    {
        var other = EnsembleMembers.Perturbed(model.ModelPath, Path.Combine(_folder, "other.zip"), seed: 11);
        var output = Path.Combine(_folder, "ensemble.zip");

        var saved = ModelEnsembler.CombineFiles([model.ModelPath, other], [7, 3], horizontalFlip: false, output);

        Assert.Equal([0.7, 0.3], saved.Weights.Select(w => Math.Round(w, 12)));
        Assert.Equal(new FileInfo(output).Length, saved.SizeBytes);
        using var first = MlNetEngine.Load(model.ModelPath);
        using var second = MlNetEngine.Load(other);
        using var ensemble = MlNetEngine.Load(output);
        double disagreement = 0;
        foreach (var file in model.TestFiles.Take(Images))
        {
            var (a, b, e) = (first.Predict(file.ImagePath), second.Predict(file.ImagePath), ensemble.Predict(file.ImagePath));
            var expected = a.Score.Zip(b.Score, (p, q) => 0.7f * p + 0.3f * q).ToArray();
            AssertClose(expected, e.Score, 1e-4f);
            Assert.Equal(model.Trained.ClassNames[Array.IndexOf(expected, expected.Max())], e.PredictedLabel);
            disagreement += a.Score.Zip(b.Score, (p, q) => Math.Abs(p - q)).Sum();
        }
        Assert.True(disagreement / Images > 0.01, $"the members barely differ ({disagreement / Images:G3} per image), so the test shows nothing");
    }

    [Fact]
    public void CombineFiles_OneMemberWithFlip_ScoreIsTheMeanOverTheImageAndItsMirror()
    {
        using var tta = OneMemberEnsemble(horizontalFlip: true);

        using var member = ImageClassifier.Load(model.ModelPath);
        var pixels = member.Preprocess(TestImages());
        var plain = member.PredictPixels(pixels, Images);
        var mirrored = member.PredictPixels(EnsembleMembers.FlippedHorizontally(pixels, member.Width), Images);
        var augmented = tta.PredictPixels(pixels, Images);
        for (int i = 0; i < Images; i++)
            AssertClose(plain[i].Scores.Zip(mirrored[i].Scores, (p, q) => (p + q) / 2).ToArray(), augmented[i].Scores, 1e-4f);
        Assert.Contains(Enumerable.Range(0, Images), i => plain[i].Scores.Zip(augmented[i].Scores, (p, q) => Math.Abs(p - q)).Max() > 1e-3);
        Assert.Equal("hflip", tta.Metadata[EnsembleGraph.TtaKey]);
    }

    [Fact]
    public void CombineFiles_OneMemberNoFlip_ReproducesTheMember()
    {
        using var single = OneMemberEnsemble(horizontalFlip: false);

        using var member = ImageClassifier.Load(model.ModelPath);
        var images = TestImages();
        foreach (var (expected, actual) in member.PredictBatch(images).Zip(single.PredictBatch(images)))
        {
            Assert.Equal(expected.PredictedLabel, actual.PredictedLabel);
            AssertClose(expected.Scores, actual.Scores, 1e-5f);
        }
        Assert.Equal(member.ClassNames, single.ClassNames);
        foreach (var (key, value) in member.Metadata) Assert.Equal(value, single.Metadata[key]);
        Assert.Equal("[\"model.zip\"]", single.Metadata[EnsembleGraph.MembersKey]);
        Assert.Equal("none", single.Metadata[EnsembleGraph.TtaKey]);
    }

    public static TheoryData<double[], string> BadWeights => new()
    {
        { [0.5, -0.5], "The weight of '{other}' is -0.5; weights must be 0 or more" },
        { [0, 0], "Every weight is 0; give at least one member a positive weight" },
        { [1, 2, 3], "3 weights for 2 members ('{model}', '{other}'); give one weight per member" },
        { [1, double.NaN], "The weight of '{other}' is NaN" },
    };

    [Theory]
    [MemberData(nameof(BadWeights))]
    public void CombineFiles_BadWeights_ThrowsNamingTheMemberAndWritesNothing(double[] weights, string expected)
    {
        var other = EnsembleMembers.Perturbed(model.ModelPath, Path.Combine(_folder, "other.zip"), seed: 12);
        var output = Path.Combine(_folder, "ensemble.zip");

        var error = Assert.Throws<ArgumentException>(() => ModelEnsembler.CombineFiles([model.ModelPath, other], weights, false, output));

        Assert.Contains(expected.Replace("{model}", model.ModelPath).Replace("{other}", other), error.Message);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void CombineFiles_OutputIsAMember_ThrowsAndLeavesItAlone()
    {
        var other = EnsembleMembers.Perturbed(model.ModelPath, Path.Combine(_folder, "other.zip"), seed: 13);
        var before = File.ReadAllBytes(other);

        var error = Assert.Throws<ArgumentException>(() => ModelEnsembler.CombineFiles([model.ModelPath, other], null, false, other));

        Assert.Contains($"The output '{other}' is the member '{other}'; write the ensemble to another file", error.Message);
        Assert.Equal(before, File.ReadAllBytes(other));
    }

    [Fact]
    public void CombineFiles_OtherClassNames_ThrowsNamingBothFiles()
    {
        var renamed = model.Trained.ClassNames.Select((name, k) => k == 2 ? "Jumper" : name).ToList();
        var other = EnsembleMembers.Saved(OnnxOf(model.ModelPath), renamed, model.Shape, Path.Combine(_folder, "renamed.zip"));

        var error = Assert.Throws<InvalidDataException>(() => ModelEnsembler.CombineFiles([model.ModelPath, other], null, false, Path.Combine(_folder, "e.zip")));

        Assert.Contains($"'{other}' has class 'Jumper' at position 3 where it is '{model.Trained.ClassNames[2]}' in '{model.ModelPath}'", error.Message);
    }

    [Fact]
    public void CombineFiles_OtherInputSize_ThrowsNamingBothFiles()
    {
        var shape = new InputShape(1, 32, 32);
        var other = EnsembleMembers.Saved(EnsembleMembers.TinyNetwork(shape, model.Trained.ClassNames.Count), model.Trained.ClassNames, shape,
            Path.Combine(_folder, "bigger.zip"));

        var error = Assert.Throws<InvalidDataException>(() => ModelEnsembler.CombineFiles([model.ModelPath, other], null, false, Path.Combine(_folder, "e.zip")));

        Assert.Contains($"'{other}' takes 1-channel 32×32 images but '{model.ModelPath}' takes", error.Message);
    }

    [Fact]
    public void CombineFiles_OtherPreprocessing_ThrowsNamingBothFiles()
    {
        var other = EnsembleMembers.Saved(OnnxOf(model.ModelPath), model.Trained.ClassNames, model.Shape, Path.Combine(_folder, "cropped.zip"), ResizeKind.CenterCrop);

        var error = Assert.Throws<InvalidDataException>(() => ModelEnsembler.CombineFiles([model.ModelPath, other], null, false, Path.Combine(_folder, "e.zip")));

        Assert.Contains($"'{other}' preprocesses images differently from '{model.ModelPath}'", error.Message);
    }

    [Fact]
    public void CombineFiles_TruncatedMember_ThrowsNamingIt()
    {
        var bytes = File.ReadAllBytes(model.ModelPath);
        var truncated = Path.Combine(_folder, "truncated.zip");
        File.WriteAllBytes(truncated, bytes[..(bytes.Length / 2)]);

        var error = Assert.Throws<InvalidDataException>(() => ModelEnsembler.CombineFiles([model.ModelPath, truncated], null, false, Path.Combine(_folder, "e.zip")));

        Assert.Contains($"'{truncated}'", error.Message);
    }

    private ImageClassifier OneMemberEnsemble(bool horizontalFlip)
    {
        var output = Path.Combine(_folder, horizontalFlip ? "tta.zip" : "single.zip");
        ModelEnsembler.CombineFiles([model.ModelPath], null, horizontalFlip, output);
        return ImageClassifier.Load(output);
    }

    private List<ImageData> TestImages() => [.. model.TestFiles.Take(Images).Select(f => ImageData.FromFile(f.ImagePath))];

    private static void AssertClose(float[] expected, float[] actual, float tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        var worst = expected.Zip(actual, (e, a) => Math.Abs(e - a)).Max();
        Assert.True(worst <= tolerance, $"scores differ by {worst:G3} (> {tolerance}): expected [{string.Join(", ", expected)}], got [{string.Join(", ", actual)}]");
    }

    private static byte[] OnnxOf(string modelPath) => ModelArchive.ReadOnnx(File.ReadAllBytes(modelPath), modelPath);
}
