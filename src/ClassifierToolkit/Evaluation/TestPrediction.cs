namespace ClassifierToolkit.Evaluation;

/// <summary>What the model said about one test image: the rows of <c>predictions.csv</c>, which let a viewer open the images
/// behind any cell of the confusion matrix.</summary>
/// <param name="Row">The image's row in the test set as evaluated (0-based): for in-memory data (Fashion-MNIST's IDX files), its index there.</param>
/// <param name="ImagePath">The image file; null for in-memory data.</param>
/// <param name="TrueLabel">The class the test set gives the image.</param>
/// <param name="PredictedLabel">The class the model predicted.</param>
/// <param name="PredictedProbability">The model's probability for <paramref name="PredictedLabel"/>.</param>
/// <param name="TrueProbability">The model's probability for <paramref name="TrueLabel"/> (0 for a class the model does not know).</param>
internal sealed record TestPrediction(int Row, string? ImagePath, string TrueLabel, string PredictedLabel, double PredictedProbability, double TrueProbability);
