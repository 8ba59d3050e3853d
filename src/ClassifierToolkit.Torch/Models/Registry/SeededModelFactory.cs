using static TorchSharp.torch;

namespace ClassifierToolkit.Torch.Models.Registry;

/// <summary>
/// Builds a registered model with seeded initial weights. Torch initializes from one process-wide generator, so
/// seeding and construction happen under one lock: trainers running side by side (parallel trials) still get
/// reproducible initial weights.
/// </summary>
internal static class SeededModelFactory
{
    private static readonly Lock GlobalGenerator = new();

    /// <summary>Seeds the global generator with <paramref name="seed"/> and builds <paramref name="name"/>.</summary>
    public static ImageClassifierModule Create(string name, ModelOptions options, int seed, ModelRegistry? registry = null)
    {
        lock (GlobalGenerator)
        {
            manual_seed(seed);
            return (registry ?? ModelRegistry.Default).Create(name, options);
        }
    }

    /// <summary>Builds a model whose initial weights will be overwritten (a training twin) without moving the global
    /// generator: dropout then draws the masks it would have drawn, and a model seeded on another thread meanwhile is not disturbed.</summary>
    internal static ImageClassifierModule CreateLeavingGeneratorAlone(Func<ImageClassifierModule> build)
    {
        lock (GlobalGenerator)
        {
            using var state = random.get_rng_state();
            try
            {
                return build();
            }
            finally
            {
                random.set_rng_state(state);
            }
        }
    }
}
