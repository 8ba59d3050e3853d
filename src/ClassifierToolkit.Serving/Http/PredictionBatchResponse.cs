namespace ClassifierToolkit.Serving.Http;

/// <summary>The answer to <c>POST /predict/batch</c>: <c>{"predictions": [...]}</c>.</summary>
/// <param name="Predictions">One per uploaded file, in the files' order.</param>
public sealed record PredictionBatchResponse(IReadOnlyList<PredictionResponse> Predictions);
