namespace ClassifierToolkit.Cli.Ui.Runs;

/// <summary>The images behind one cell of the confusion matrix: <paramref name="Count"/> in all, the first <see cref="RunPredictions.CellLimit"/> listed.</summary>
internal sealed record CellImages(string TrueClass, string PredictedClass, int Count, IReadOnlyList<CellImage> Images);

/// <summary>One image of a cell; <paramref name="Row"/> names it to <c>/api/run/image</c>.</summary>
internal sealed record CellImage(int Row, string Name, double PredictedProbability, double TrueProbability);
