namespace ClassifierToolkit.Cli.Doctor;

/// <summary>How a finding bears on using ctk; a <see cref="Failure"/> makes <c>ctk doctor</c> exit 1.</summary>
internal enum FindingStatus
{
    /// <summary>A fact, neither good nor bad.</summary>
    Info,
    /// <summary>Works.</summary>
    Ok,
    /// <summary>Works, but slower or smaller than it could be; the value says how to improve it.</summary>
    Warning,
    /// <summary>Something ctk needs does not work; the value says how to fix it.</summary>
    Failure,
}
