namespace Scoring;

/// <summary>What a soak test saw: passes, mismatches against the first pass, time, and memory at the start, after the first pass and at the end.</summary>
internal sealed record SoakResult(int Passes, int Images, int Threads, int Mismatches, TimeSpan Elapsed, MemoryReading Start, MemoryReading AfterFirstPass, MemoryReading End)
{
    public void Print()
    {
        Console.WriteLine($"soak: {Passes} passes × {Images:N0} images on {Threads} threads in {Elapsed.TotalSeconds:F1} s, " +
            $"{Mismatches} mismatches against the first pass");
        Console.WriteLine($"  memory at start: {Start}; after pass 1: {AfterFirstPass}; at end: {End}; peak RSS {ProcessMemory.PeakResidentMb():F0} MB");
        Console.WriteLine($"RESULT soak passes={Passes} images={Images} threads={Threads} mismatches={Mismatches} " +
            $"elapsed_s={Elapsed.TotalSeconds:F1} rss_start_mb={Start.ResidentMb:F0} rss_after_first_pass_mb={AfterFirstPass.ResidentMb:F0} " +
            $"rss_end_mb={End.ResidentMb:F0} managed_end_mb={End.ManagedMb:F0}");
    }
}
