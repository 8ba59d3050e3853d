using TorchSharp;

namespace ClassifierToolkit.Cli.Doctor;

/// <summary>
/// Loads TorchSharp's native libraries the way training does, by computing with a tensor, once; the checks that need
/// libtorch ask it whether that worked.
/// </summary>
internal sealed class TorchSharpProbe
{
    private readonly Lazy<Exception?> _failure = new(TryCompute);

    /// <summary>Why TorchSharp could not compute, or null when it could.</summary>
    public Exception? Failure => _failure.Value;

    public bool Loaded => Failure is null;

    // The failure is the doctor's finding: it is returned and printed, not swallowed.
    private static Exception? TryCompute()
    {
        try
        {
            using var ones = torch.ones(2, 2);
            using var sum = ones.sum();
            var value = sum.item<float>();
            return value == 4 ? null : new InvalidOperationException($"a 2×2 tensor of ones summed to {value}, not 4.");
        }
        catch (Exception e)
        {
            return e;
        }
    }
}
