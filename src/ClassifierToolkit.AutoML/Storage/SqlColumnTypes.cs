namespace ClassifierToolkit.AutoML.Storage;

/// <summary>The column types of the experiment schema in one SQL dialect.</summary>
/// <param name="Timestamp">A point in time (UTC).</param>
/// <param name="Real">A double, stored exactly.</param>
/// <param name="Boolean">True or false.</param>
/// <param name="Bytes">A binary artefact.</param>
internal sealed record SqlColumnTypes(string Timestamp, string Real, string Boolean, string Bytes);
