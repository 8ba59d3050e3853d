namespace ClassifierToolkit.AutoML.Storage;

/// <summary>
/// What defines a study: reopening a study (resume, or a worker joining) must give the same definition.
/// </summary>
/// <param name="Name">Unique within the store.</param>
/// <param name="PipelineJson">The search file as resolved: the base pipeline with its <c>search</c> section.</param>
/// <param name="Tuner">Tuner name (<c>grid</c>, <c>random</c>, <c>cfo</c>, <c>tpe</c>).</param>
/// <param name="Pruner">Pruner name and settings as JSON, e.g. <c>{"kind":"asha","gracePeriod":1,"reductionFactor":3}</c>.</param>
/// <param name="Seed">Seeds the tuner.</param>
/// <param name="Objective">The validation metric trials are ranked by: <c>valAccuracy</c> (higher is better) or <c>valLoss</c> (lower).</param>
public sealed record StudyDefinition(string Name, string PipelineJson, string Tuner, string Pruner, int Seed, string Objective)
{
    /// <summary>The configurations offered before the tuner's, as JSON (see <see cref="Experiments.StartingPoint"/>); null for none
    /// (and for studies written before there were any).</summary>
    internal string? StartingPoints { get; init; }
}
