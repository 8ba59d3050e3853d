using System.Text.Json;
using ClassifierToolkit.AutoML.Experiments;
using ClassifierToolkit.AutoML.SearchSpaces;
using ClassifierToolkit.AutoML.Trials;

namespace ClassifierToolkit.AutoML.Portfolios;

/// <summary>
/// The built-in portfolio (<c>Portfolios/portfolio.json</c>, embedded): known-good recipes a new study tries before its tuner, in
/// order, as AutoGluon's portfolios and FLAML's starting points do. On a small budget a search sees few trials, and starting from
/// what is known to work matters more than the tuner.
/// </summary>
internal static class Portfolio
{
    private const string Resource = "ClassifierToolkit.AutoML.Portfolios.portfolio.json";
    private static readonly Lazy<IReadOnlyList<PortfolioRecipe>> BuiltInRecipes = new(Load);

    /// <summary>The recipes, cheapest good one first.</summary>
    public static IReadOnlyList<PortfolioRecipe> BuiltIn => BuiltInRecipes.Value;

    /// <summary>
    /// The recipes that fit <paramref name="search"/>, projected onto its space (<see cref="SpaceProjection"/>), in order and without
    /// repeats; a recipe whose model the space cannot choose (nor the base pipeline uses, when the model is not searched) is skipped.
    /// </summary>
    public static IReadOnlyList<StartingPoint> For(SearchFile search, IEnumerable<PortfolioRecipe>? recipes = null)
    {
        var models = search.Space.Parameters.FirstOrDefault(p => p.Path == PortfolioRecipe.ModelPath)?.Domain is ChoiceDomain choice
            ? choice.Choices.Select(c => c.Text).ToHashSet()
            : [search.BasePipeline.Model.Name];
        return [.. (recipes ?? BuiltIn)
            .Where(r => models.Contains(r.Model))
            .Select(r => new StartingPoint(TrialSources.Portfolio(r.Name), SpaceProjection.Project(search.Space, r.Parameters, search.BaseValue).Parameters))
            .DistinctBy(p => p.Parameters)];
    }

    private static IReadOnlyList<PortfolioRecipe> Load()
    {
        using var stream = typeof(Portfolio).Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"The built-in portfolio '{Resource}' is missing from {typeof(Portfolio).Assembly.GetName().Name}; the build embeds Portfolios/portfolio.json.");
        using var document = JsonDocument.Parse(stream);
        return [.. document.RootElement.GetProperty("recipes").EnumerateArray().Select(Read)];
    }

    private static PortfolioRecipe Read(JsonElement recipe)
    {
        var name = recipe.GetProperty("name").GetString()!;
        var parameters = ParameterSet.FromJson(recipe.GetProperty("parameters").GetRawText());
        if (!parameters.TryGetValue(PortfolioRecipe.ModelPath, out var model) || model.Text is null)
            throw new InvalidOperationException($"Portfolio recipe '{name}' names no model: every recipe needs a '{PortfolioRecipe.ModelPath}' string.");
        return new PortfolioRecipe(name, recipe.GetProperty("note").GetString()!, parameters);
    }
}
