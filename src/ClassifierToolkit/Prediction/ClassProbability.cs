namespace ClassifierToolkit.Prediction;

/// <summary>One class and its predicted probability.</summary>
public sealed record ClassProbability(string ClassName, float Probability);
