using ClassifierToolkit.AutoML.Trials;

namespace ClassifierToolkit.AutoML.SearchSpaces;

/// <summary>
/// One searched option: the pipeline JSON path it overrides, its domain, and an optional condition: the parameter is
/// active only when each named path (another parameter) has one of the listed values, e.g. <c>training.momentum</c>
/// only when <c>training.optimizer</c> is <c>sgd</c>.
/// </summary>
/// <param name="Path">Pipeline JSON path, e.g. <c>training.learningRate</c> or <c>model.settings.width</c>.</param>
/// <param name="Domain">The values it can take.</param>
/// <param name="When">Path → allowed values of that parameter; empty when always active.</param>
internal sealed record SearchParameter(string Path, ParameterDomain Domain, IReadOnlyDictionary<string, IReadOnlyList<ParameterValue>>? When = null)
{
    /// <summary>The condition (empty when always active).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<ParameterValue>> Conditions => When ?? new Dictionary<string, IReadOnlyList<ParameterValue>>();

    /// <summary>True when the condition holds for the values chosen so far.</summary>
    public bool IsActive(IReadOnlyDictionary<string, ParameterValue> chosen) =>
        Conditions.All(c => chosen.TryGetValue(c.Key, out var value) && c.Value.Contains(value));
}
