using ClassifierToolkit.AutoML.Trials;

namespace ClassifierToolkit.AutoML.Storage;

/// <summary>A finished trial of another study, to be taken into a study as it is (its number is given by the study).</summary>
/// <param name="Trial">The trial; its <see cref="TrialRecord.Source"/> says where it came from.</param>
/// <param name="Artifacts">Its artefacts by name, e.g. <c>model.zip</c>.</param>
internal sealed record ImportedTrial(TrialRecord Trial, IReadOnlyDictionary<string, byte[]> Artifacts);
