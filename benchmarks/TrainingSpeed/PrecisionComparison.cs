namespace TrainingSpeed;

internal static class PrecisionComparison
{
    public static int Run(SpeedSetup setup, int rounds, bool augment, string[] precisions) => throw new NotImplementedException();
}
