using Benchmarks.Shared;
using ClassifierToolkit.Pipelines;

namespace TrainingSpeed;

/// <summary>
/// One model trained by the toolkit's loop for one epoch per round in each way of computing (precision × memory format),
/// taking turns round by round: images/s (and ms per training image) of each, and the ratio to the first one named.
/// </summary>
internal static class ComputeComparison
{
    public static int Run(SpeedSetup setup, TrainingSpec baseRecipe, int rounds, bool augment, string[] precisions, string[] memoryFormats)
    {
        var contenders = (from p in precisions.Select(p => SpecEnum<PrecisionKind>.TryParse(p)!.Value).Distinct()
                          from f in memoryFormats.Select(f => SpecEnum<MemoryFormatKind>.TryParse(f)!.Value).Distinct()
                          select (Precision: p, Format: f)).ToList();
        var recipe = baseRecipe with
        {
            Augmentation = augment ? new AugmentationSpec { CropPadding = 4, HorizontalFlip = true } : new AugmentationSpec(),
        };
        var rates = contenders.ToDictionary(c => c, _ => new List<double>());
        var losses = contenders.ToDictionary(c => c, _ => new List<double>());
        for (int round = 0; round <= rounds; round++)
        {
            // Round 0 warms every contender up and is not counted; the order rotates so no contender always goes first.
            for (int turn = 0; turn < contenders.Count; turn++)
            {
                var contender = contenders[(turn + round) % contenders.Count];
                var (seconds, loss) = setup.TrainOneEpoch(recipe with { Precision = contender.Precision, MemoryFormat = contender.Format });
                if (round > 0)
                {
                    rates[contender].Add(setup.Count / seconds);
                    losses[contender].Add(loss);
                }
                Console.WriteLine($"round {round}{(round == 0 ? " (warm-up)" : "")}: {Name(contender)} {setup.Count / seconds,8:F0} images/s, " +
                    $"{1000 * seconds / setup.Count:F3} ms/image, train loss {loss:F4}");
            }
        }
        Console.WriteLine();
        var baseline = Percentiles.Median(rates[contenders[0]]);
        foreach (var contender in contenders)
        {
            var median = Percentiles.Median(rates[contender]);
            Console.WriteLine($"RESULT model={setup.Model} precision={SpecEnum<PrecisionKind>.Name(contender.Precision)} " +
                $"memory_format={SpecEnum<MemoryFormatKind>.Name(contender.Format)} optimizer={SpecEnum<OptimizerKind>.Name(recipe.Optimizer)} " +
                $"augment={augment.ToString().ToLowerInvariant()} batch={setup.BatchSize} images_per_sec={median:F1} ms_per_image={1000 / median:F4} " +
                $"vs_{Name(contenders[0])}={median / baseline:F3} median_train_loss={Percentiles.Median(losses[contender]):F4}");
        }
        return 0;
    }

    // The pipeline file's names, e.g. bf16/channels-last.
    private static string Name((PrecisionKind Precision, MemoryFormatKind Format) contender) =>
        $"{SpecEnum<PrecisionKind>.Name(contender.Precision)}/{SpecEnum<MemoryFormatKind>.Name(contender.Format)}";
}
