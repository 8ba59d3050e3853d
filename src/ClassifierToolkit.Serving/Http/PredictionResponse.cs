using ClassifierToolkit.Prediction;

namespace ClassifierToolkit.Serving.Http;

/// <summary>The answer to <c>POST /predict</c> (camelCase on the wire): <c>{"name", "predictedLabel", "top": [{"className", "probability"}]}</c>.</summary>
/// <param name="Name">The upload: its file name in a form, <c>body</c> for a raw body.</param>
/// <param name="PredictedLabel">The most likely class.</param>
/// <param name="Top">The most likely classes with their probabilities, most likely first.</param>
public sealed record PredictionResponse(string Name, string PredictedLabel, IReadOnlyList<ClassProbability> Top)
{
    internal static PredictionResponse From(string name, ClassifierPrediction prediction, int top) => new(name, prediction.PredictedLabel, prediction.Top(top));
}
