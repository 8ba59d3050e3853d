using ClassifierToolkit.Data;
using ClassifierToolkit.Pipelines;
using ClassifierToolkit.Preprocessing;
using ClassifierToolkit.Tests.Support;
using ClassifierToolkit.Torch.Export;
using ClassifierToolkit.Torch.Models;
using ClassifierToolkit.Torch.Models.Registry;
using ClassifierToolkit.Torch.Training;
using Microsoft.ML;
using Microsoft.ML.Data;
using static TorchSharp.torch;

namespace ClassifierToolkit.Tests.Torch.Training.Compute;

public class Bf16TrainingTests
{
    private static readonly InputShape Shape = new(1, 28, 28, [0.5f], [0.5f]);

    [Fact]
    public void Fit_Bf16_LearnsAndExportsAnFp32ModelWhoseScoresMatchValidation()
    {
        var mlContext = new MLContext(3);
        var options = new ImageClassifierTrainer.Options
        {
            Training = new() { Epochs = 2, Seed = 3, Precision = PrecisionKind.Bf16 }, Mean = [0.5f], Std = [0.5f], ClassNames = FashionMnist.ClassNames,
        };

        // 1,200 images: small enough for a CPU that only emulates bf16 (about 20x slower than fp32), enough to learn from.
        var trained = new ImageClassifierTrainer(mlContext, options)
            .FitWithDetails(SampleData.Train.Take(1200).ToDataView(mlContext), SampleData.Test.ToDataView(mlContext));

        var validation = trained.History[^1].ValAccuracy!.Value;
        Assert.True(validation > 0.6, $"bf16 validation accuracy {validation} (chance is 0.1).");
        // The served model (ONNX, fp32) scores what the loop validated in fp32.
        var predicted = trained.Transformer.Transform(SampleData.Test.ToDataView(mlContext)).GetColumn<string>(ColumnNames.PredictedLabel).ToList();
        var accuracy = predicted.Zip(SampleData.Test.Labels).Count(p => p.First == FashionMnist.ClassNames[p.Second]) / (double)predicted.Count;
        Assert.Equal(validation, accuracy, 3);
    }

    [Fact]
    public void Fit_Bf16ResNet_KeepsFp32MasterWeightsGathersBatchNormStatisticsAndTracksFp32()
    {
        var (fp32Model, fp32Loss) = TrainResNet(PrecisionKind.Fp32);
        var (bf16Model, bf16Loss) = TrainResNet(PrecisionKind.Bf16);
        using (fp32Model)
        using (bf16Model)
        {
            Assert.All(bf16Model.parameters(), p => Assert.Equal(ScalarType.Float32, p.dtype));
            Assert.All(bf16Model.buffers().Where(b => b.is_floating_point()), b => Assert.Equal(ScalarType.Float32, b.dtype));
            // The running statistics the bf16 passes gathered reached the model: not the initial mean 0 / variance 1,
            // and close to those fp32 training gathered.
            var bf16Mean = bf16Model.named_buffers().First(b => b.name.EndsWith("running_mean")).buffer;
            var fp32Mean = fp32Model.named_buffers().First(b => b.name.EndsWith("running_mean")).buffer;
            Assert.True(bf16Mean.abs().max().item<float>() > 1e-3, "BatchNorm running means never left zero.");
            Assert.True(bf16Mean.sub(fp32Mean).abs().max().item<float>() < 0.1 * fp32Mean.abs().max().item<float>() + 0.05,
                "bf16 BatchNorm statistics drifted away from fp32's.");
        }
        // bf16 rounding makes the runs differ, but not the learning.
        Assert.True(Math.Abs(bf16Loss - fp32Loss) < 0.1 * fp32Loss, $"bf16 train loss {bf16Loss} vs fp32 {fp32Loss}.");
    }

    private static (ImageClassifierModule Model, double Loss) TrainResNet(PrecisionKind precision)
    {
        var model = SeededModelFactory.Create("resnet8", ModelOptions.From(new ModelSpec { Name = "resnet8" }, 10, Shape), 7);
        using var data = SampleData.TrainTensors(512);
        using var normalization = new InputNormalization(Shape, CPU);
        var recipe = new TrainingSpec { Epochs = 2, BatchSize = 64, Seed = 7, LearningRate = 0.003, Precision = precision };
        var history = new TrainingLoop(recipe).Fit(model, normalization, data, null, CPU);
        return (model, history[^1].TrainLoss);
    }
}
