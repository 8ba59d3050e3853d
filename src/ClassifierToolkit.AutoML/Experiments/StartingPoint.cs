using System.Text.Json.Nodes;
using ClassifierToolkit.AutoML.Trials;

namespace ClassifierToolkit.AutoML.Experiments;

/// <summary>
/// A configuration a study offers before asking its tuner (an earlier study's trial to re-run, a portfolio recipe), each once, in
/// order. The list is part of the study's definition, so every worker and a resumed search offer the same ones.
/// </summary>
/// <param name="Source">Where it came from, stored as the trial's source (see <see cref="TrialSources"/>).</param>
/// <param name="Parameters">The configuration, already projected onto the study's space.</param>
internal sealed record StartingPoint(string Source, ParameterSet Parameters)
{
    /// <summary>The list as stored in the study, or null when empty.</summary>
    public static string? Write(IReadOnlyList<StartingPoint> points) => points.Count == 0 ? null
        : new JsonArray([.. points.Select(p => new JsonObject { ["source"] = p.Source, ["parameters"] = JsonNode.Parse(p.Parameters.ToJson()) })]).ToJsonString();

    /// <summary>Reads what <see cref="Write"/> stored (null: none).</summary>
    public static IReadOnlyList<StartingPoint> Read(string? json) => json is null ? []
        : [.. JsonNode.Parse(json)!.AsArray().Select(p => new StartingPoint(p!["source"]!.GetValue<string>(), ParameterSet.FromJson(p["parameters"]!.ToJsonString())))];

    /// <summary>The first of <paramref name="points"/> not yet tried: no trial has its source or its configuration.</summary>
    public static StartingPoint? Next(IReadOnlyList<StartingPoint> points, IReadOnlyList<TrialRecord> trials) =>
        points.FirstOrDefault(p => !trials.Any(t => t.Source == p.Source || t.Parameters.Equals(p.Parameters)));
}
