using ClassifierToolkit.Pipelines;
using ClassifierToolkit.Torch.Training;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace ClassifierToolkit.Cli.New;

/// <summary>
/// How long fine-tuning a pretrained backbone takes per image on this machine, measured: machines differ tenfold (cores,
/// AVX-512, bf16), and a fine-tuning trial cut off by the time budget leaves no model, so its epochs are sized from this.
/// Trains two short epochs on random pictures of the chosen size, every stage trained (the dearest case), and keeps the second.
/// </summary>
internal static class FineTuneSpeed
{
    private const int Batches = 2;

    /// <summary>Seconds per training image of one fine-tuning epoch at <paramref name="input"/>'s size.</summary>
    public static double SecondsPerImage(PretrainedStart pretrained, string weights, InputChoice input, int batchSize, int seed)
    {
        int count = batchSize * Batches, size = input.Channels * input.Side * input.Side;
        var random = new Random(seed);
        var rows = Enumerable.Range(0, count).Select(i => new Row
        {
            Pixels = [.. Enumerable.Range(0, size).Select(_ => random.NextSingle())],
            Label = i % 2 == 0 ? "a" : "b",
        }).ToList();
        var schema = SchemaDefinition.Create(typeof(Row));
        schema[nameof(Row.Pixels)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, input.Channels, input.Side, input.Side);
        var ml = new MLContext(seed);
        var trainer = new ImageClassifierTrainer(ml, new ImageClassifierTrainer.Options
        {
            Model = new ModelSpec { Name = pretrained.Model },
            Training = new TrainingSpec { Epochs = Batches, BatchSize = batchSize, Seed = seed },
            Transfer = new TransferSpec { Weights = weights, Mode = TransferMode.Finetune, HeadEpochs = 0 },
            Mean = [.. pretrained.Mean],
            Std = [.. pretrained.Std],
            ClassNames = ["a", "b"],
        });
        var trained = trainer.FitWithDetails(ml.Data.LoadFromEnumerable(rows, schema));
        return trained.History[^1].Seconds / count;
    }

    private sealed class Row
    {
        [ColumnName(ColumnNames.Pixels)]
        public float[] Pixels { get; set; } = [];
        public string Label { get; set; } = "";
    }
}
