namespace Scoring;

/// <summary>Prints the comparisons as a table for people and as <c>RESULT</c> lines for scripts.</summary>
internal static class ResultTable
{
    public static void Print(IReadOnlyList<Comparison> rows)
    {
        if (rows.Count == 0) return;
        Console.WriteLine();
        Console.WriteLine($"{"measurement",-34}{"unit",-10}{"n",8}  {"toolkit path",-13}{"toolkit",10}{"ML.NET",10}{"speedup",9}  agreement");
        foreach (var row in rows)
        {
            Console.WriteLine($"{row.Title,-34}{row.Unit,-10}{row.Count,8:N0}  {row.ToolkitPath,-13}{row.Toolkit,10:F4}{row.MlNet,10:F4}{row.Speedup,8:F2}x  {row.Agreement}");
        }
        foreach (var row in rows)
        {
            Console.WriteLine($"RESULT {row.Key} n={row.Count} {row.ToolkitPath}_{row.UnitKey}={row.Toolkit:F4} mlnet_{row.UnitKey}={row.MlNet:F4} " +
                $"speedup={row.Speedup:F2} same_labels={row.Agreement.SameLabels}/{row.Agreement.Compared} max_abs_diff={row.Agreement.MaxAbsScoreDifference:G3}");
        }
    }
}
