using System.Diagnostics;

namespace Scoring;

/// <summary>Times the toolkit's path and ML.NET's on the same work: one warm-up run each, then the timed runs.</summary>
internal static class Repeated
{
    /// <summary>
    /// Runs each path once untimed (JIT, ONNX Runtime sessions, ML.NET's lazily built cursors), then <paramref name="repeats"/>
    /// timed rounds (see <see cref="Alternate"/>), and prints each run's seconds.
    /// </summary>
    public static PairTiming<TToolkit, TMlNet> Measure<TToolkit, TMlNet>(int repeats, Func<TToolkit> toolkit, Func<TMlNet> mlNet)
    {
        var toolkitOutput = toolkit();
        var mlNetOutput = mlNet();
        var toolkitSeconds = new List<double>();
        var mlNetSeconds = new List<double>();
        Alternate(repeats, () => toolkitSeconds.Add(Seconds(toolkit)), () => mlNetSeconds.Add(Seconds(mlNet)));
        Console.WriteLine($"  timed runs (s): toolkit {string.Join(" ", toolkitSeconds.Select(s => s.ToString("F3")))}; " +
            $"ML.NET {string.Join(" ", mlNetSeconds.Select(s => s.ToString("F3")))}");
        return new PairTiming<TToolkit, TMlNet>(toolkitOutput, mlNetOutput, toolkitSeconds, mlNetSeconds);
    }

    /// <summary>
    /// Runs both <paramref name="repeats"/> times, swapping which goes first every round, so a slow spell of the machine,
    /// or the garbage one path leaves behind, does not always fall on the same path.
    /// </summary>
    public static void Alternate(int repeats, Action toolkit, Action mlNet)
    {
        for (int round = 0; round < repeats; round++)
        {
            if (round % 2 == 0)
            {
                toolkit();
                mlNet();
            }
            else
            {
                mlNet();
                toolkit();
            }
        }
    }

    /// <summary>Collects garbage now, so the timed run that follows does not pay for the previous run's.</summary>
    public static void CleanHeap()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    private static double Seconds<T>(Func<T> run)
    {
        CleanHeap();
        long start = Stopwatch.GetTimestamp();
        GC.KeepAlive(run());
        return Stopwatch.GetElapsedTime(start).TotalSeconds;
    }
}
