namespace ClassifierToolkit.AutoML.Selection;

/// <summary>What the report says about the model selection: every model measured, the one exported, and the objective that picked it.</summary>
internal sealed record ExportedChoices(IReadOnlyList<ModelChoice> Choices, ModelChoice Chosen, ModelObjective Objective)
{
    /// <summary>The choices no other beats on both validation accuracy and time per image.</summary>
    public IReadOnlySet<ModelChoice> ParetoFront() =>
        Choices.Where(c => !Choices.Any(o => o != c && o.ValidationAccuracy >= c.ValidationAccuracy && o.MsPerImage <= c.MsPerImage
            && (o.ValidationAccuracy > c.ValidationAccuracy || o.MsPerImage < c.MsPerImage))).ToHashSet();
}
