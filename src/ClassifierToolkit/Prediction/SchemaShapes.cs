using System.Reflection;
using Microsoft.ML;

namespace ClassifierToolkit.Prediction;

/// <summary>
/// <see cref="SchemaShape"/> from a <see cref="DataViewSchema"/>. ML.NET keeps <c>SchemaShape.Create</c> and the column
/// constructor internal, which leaves third-party estimators no public way to declare new output columns.
/// </summary>
internal static class SchemaShapes
{
    private static readonly MethodInfo CreateMethod = typeof(SchemaShape).GetMethod("Create", BindingFlags.NonPublic | BindingFlags.Static, [typeof(DataViewSchema)])
        ?? throw new MissingMethodException(nameof(SchemaShape), "Create(DataViewSchema)");

    /// <summary>The shape of <paramref name="schema"/>'s columns.</summary>
    public static SchemaShape Of(DataViewSchema schema) => (SchemaShape)CreateMethod.Invoke(null, [schema])!;
}
