using System.Diagnostics;
using Benchmarks.Shared;
using ClassifierToolkit.Pipelines;
using ClassifierToolkit.Torch.Models;
using ClassifierToolkit.Torch.Training;
using static TorchSharp.torch;

namespace TrainingSpeed;

/// <summary>
/// The toolkit's TrainingLoop against the smallest loop a TorchSharp user would write for the same recipe (data normalized
/// once up front, a shuffled index per epoch, forward, loss, backward, step, the loss read back every batch), each round
/// training a fresh copy of the same model for one epoch. Their order alternates round by round.
/// </summary>
internal static class LoopOverhead
{
    public static int Run(SpeedSetup setup, int rounds)
    {
        using var normalized = setup.Pixels.sub(0.5).div(0.5);
        var toolkit = new List<double>();
        var bare = new List<double>();
        for (int round = 0; round <= rounds; round++)
        {
            // Round 0 warms both up (JIT, allocator, thread pool) and is not counted.
            bool toolkitFirst = round % 2 == 0;
            for (int turn = 0; turn < 2; turn++)
            {
                bool isToolkit = (turn == 0) == toolkitFirst;
                double seconds = isToolkit ? Toolkit(setup) : Bare(setup, normalized);
                if (round > 0) (isToolkit ? toolkit : bare).Add(setup.Count / seconds);
                Console.WriteLine($"round {round}{(round == 0 ? " (warm-up)" : "")}: {(isToolkit ? "toolkit" : "bare   ")} {setup.Count / seconds,8:F0} images/s");
            }
        }
        var ratios = toolkit.Zip(bare, (t, b) => t / b).ToList();
        Console.WriteLine();
        Console.WriteLine($"toolkit images/s median {Percentiles.Median(toolkit):F0}, bare {Percentiles.Median(bare):F0}");
        Console.WriteLine($"toolkit / bare per round: {string.Join(" ", ratios.Select(r => r.ToString("F3")))}");
        Console.WriteLine($"RESULT toolkit_images_per_sec={Percentiles.Median(toolkit):F1} bare_images_per_sec={Percentiles.Median(bare):F1} " +
            $"ratio_of_medians={Percentiles.Median(toolkit) / Percentiles.Median(bare):F3} median_round_ratio={Percentiles.Median(ratios):F3}");
        return 0;
    }

    // NCHW like the bare loop: this measures the loop, not the layout (channels-last is timed by the model command).
    private static double Toolkit(SpeedSetup setup) => setup.TrainOneEpoch(setup.Recipe with { MemoryFormat = MemoryFormatKind.Nchw }).Seconds;

    private static double Bare(SpeedSetup setup, Tensor normalized)
    {
        using var model = setup.NewModel();
        using var optimizer = optim.Adam(model.parameters(), lr: setup.Recipe.LearningRate);
        var clock = Stopwatch.StartNew();
        model.train();
        using var order = randperm(setup.Count);
        double lossSum = 0;
        for (long start = 0; start < setup.Count; start += setup.BatchSize)
        {
            using var scope = NewDisposeScope();
            var indices = order.narrow(0, start, Math.Min(setup.BatchSize, setup.Count - start));
            optimizer.zero_grad();
            var loss = nn.functional.cross_entropy(model.forward(normalized.index_select(0, indices)), setup.Labels.index_select(0, indices));
            loss.backward();
            optimizer.step();
            lossSum += loss.item<float>() * indices.shape[0];
        }
        if (!double.IsFinite(lossSum)) throw new InvalidOperationException("The bare loop diverged.");
        return clock.Elapsed.TotalSeconds;
    }
}
