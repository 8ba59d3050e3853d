using System.Diagnostics;
using Benchmarks.Shared;
using ClassifierToolkit.Pipelines;
using ClassifierToolkit.Torch.Export;
using ClassifierToolkit.Torch.Training;
using static TorchSharp.torch;

namespace TrainingSpeed;

/// <summary>
/// One model trained by the toolkit's loop for one epoch per round at each precision, the precisions taking turns round by
/// round: images/s (and ms per training image) of each, and the ratio to the first precision named.
/// </summary>
internal static class PrecisionComparison
{
    public static int Run(SpeedSetup setup, TrainingSpec baseRecipe, int rounds, bool augment, string[] precisions)
    {
        var kinds = precisions.Select(p => SpecEnum<PrecisionKind>.TryParse(p)!.Value).Distinct().ToList();
        var recipe = baseRecipe with
        {
            Augmentation = augment ? new AugmentationSpec { CropPadding = 4, HorizontalFlip = true } : new AugmentationSpec(),
        };
        var rates = kinds.ToDictionary(k => k, _ => new List<double>());
        var losses = kinds.ToDictionary(k => k, _ => new List<double>());
        for (int round = 0; round <= rounds; round++)
        {
            // Round 0 warms every precision up and is not counted; the order rotates so no precision always goes first.
            for (int turn = 0; turn < kinds.Count; turn++)
            {
                var kind = kinds[(turn + round) % kinds.Count];
                var (seconds, loss) = Train(setup, recipe with { Precision = kind });
                if (round > 0)
                {
                    rates[kind].Add(setup.Count / seconds);
                    losses[kind].Add(loss);
                }
                Console.WriteLine($"round {round}{(round == 0 ? " (warm-up)" : "")}: {Name(kind)} {setup.Count / seconds,8:F0} images/s, " +
                    $"{1000 * seconds / setup.Count:F3} ms/image, train loss {loss:F4}");
            }
        }
        Console.WriteLine();
        var baseline = Percentiles.Median(rates[kinds[0]]);
        foreach (var kind in kinds)
        {
            var median = Percentiles.Median(rates[kind]);
            Console.WriteLine($"RESULT model={setup.Model} precision={Name(kind)} optimizer={SpecEnum<OptimizerKind>.Name(recipe.Optimizer)} augment={augment.ToString().ToLowerInvariant()} batch={setup.BatchSize} " +
                $"images_per_sec={median:F1} ms_per_image={1000 / median:F4} vs_{Name(kinds[0])}={median / baseline:F3} " +
                $"median_train_loss={Percentiles.Median(losses[kind]):F4}");
        }
        return 0;
    }

    private static (double Seconds, double Loss) Train(SpeedSetup setup, TrainingSpec recipe)
    {
        using var model = setup.NewModel();
        using var normalization = new InputNormalization(setup.Shape, CPU);
        using var data = new TensorDataset(setup.Pixels.alias(), setup.Labels.alias());
        var clock = Stopwatch.StartNew();
        var history = new TrainingLoop(recipe).Fit(model, normalization, data, null, CPU);
        return (clock.Elapsed.TotalSeconds, history[^1].TrainLoss);
    }

    // The pipeline file's names (fp32, bf16).
    private static string Name(PrecisionKind kind) => SpecEnum<PrecisionKind>.Name(kind);
}
