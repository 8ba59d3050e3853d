namespace ClassifierToolkit.Cli.Doctor;

/// <summary>One thing <c>ctk doctor</c> looks at; it reports what it sees and never changes anything.</summary>
internal interface IDoctorCheck
{
    DoctorSection Run();
}
