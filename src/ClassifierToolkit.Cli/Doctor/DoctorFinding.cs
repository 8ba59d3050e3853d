namespace ClassifierToolkit.Cli.Doctor;

/// <summary>One fact: a name, what was seen, and whether it is fine.</summary>
internal sealed record DoctorFinding(string Name, string Value, FindingStatus Status = FindingStatus.Info)
{
    public static DoctorFinding Ok(string name, string value) => new(name, value, FindingStatus.Ok);
    public static DoctorFinding Warning(string name, string value) => new(name, value, FindingStatus.Warning);
    public static DoctorFinding Failure(string name, string value) => new(name, value, FindingStatus.Failure);
}
