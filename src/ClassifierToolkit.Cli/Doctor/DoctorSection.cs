namespace ClassifierToolkit.Cli.Doctor;

/// <summary>What one check saw, under a title.</summary>
internal sealed record DoctorSection(string Title, IReadOnlyList<DoctorFinding> Findings);
