using ClassifierToolkit.AutoML.Trials;

namespace ClassifierToolkit.AutoML.Portfolios;

/// <summary>One known-good configuration of the built-in portfolio.</summary>
/// <param name="Name">Short name, shown as the trial's source (e.g. <c>cnn-plus tuned</c>).</param>
/// <param name="Note">Where and how it was measured, or that it was not.</param>
/// <param name="Parameters">Pipeline JSON path → value; <c>model.name</c> names its model.</param>
internal sealed record PortfolioRecipe(string Name, string Note, ParameterSet Parameters)
{
    /// <summary>The path that names the model a recipe is for.</summary>
    public const string ModelPath = "model.name";

    /// <summary>The model the recipe is for.</summary>
    public string Model => Parameters[ModelPath].Text!;
}
