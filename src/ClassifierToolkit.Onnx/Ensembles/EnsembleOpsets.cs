using ClassifierToolkit.Onnx.Proto;

namespace ClassifierToolkit.Onnx.Ensembles;

/// <summary>The operator sets and IR version of an ensemble: those of its members, which must import the same domains.</summary>
internal static class EnsembleOpsets
{
    /// <summary>Each domain the members import, at the highest version any member imports it.</summary>
    /// <exception cref="InvalidDataException">A member imports other domains than the first; names both.</exception>
    public static IReadOnlyList<OperatorSetIdProto> Merge(IReadOnlyList<ModelProto> models, IReadOnlyList<string> names)
    {
        var domains = Domains(models[0]);
        for (int k = 1; k < models.Count; k++)
            if (Domains(models[k]) != domains)
                throw new InvalidDataException($"'{names[k]}' imports the ONNX operator domains [{Domains(models[k])}] but '{names[0]}' imports " +
                    $"[{domains}]; ensemble members must be networks exported alike (re-export or leave out '{names[k]}').");
        // One graph has one version per domain. The toolkit exports every network at the same opset, so the maximum is
        // normally each member's own; an older member then runs under a newer opset, as ONNX Runtime would run it alone.
        return [.. models[0].OpsetImport.Select(o => new OperatorSetIdProto
        {
            Domain = o.Domain,
            Version = models.Max(m => m.OpsetImport.First(x => x.Domain == o.Domain).Version),
        })];
    }

    /// <summary>The highest IR version among the members: a reader of that version reads them all.</summary>
    public static long IrVersion(IReadOnlyList<ModelProto> models) => models.Max(m => m.IrVersion);

    private static string Domains(ModelProto model) =>
        string.Join(", ", model.OpsetImport.Select(o => o.Domain is "" ? "ai.onnx" : o.Domain).Order(StringComparer.Ordinal));
}
