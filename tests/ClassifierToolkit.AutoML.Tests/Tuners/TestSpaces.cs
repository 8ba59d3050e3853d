using ClassifierToolkit.AutoML.SearchSpaces;
using ClassifierToolkit.AutoML.Trials;

namespace ClassifierToolkit.AutoML.Tests.Tuners;

/// <summary>Search spaces the tuner tests share.</summary>
internal static class TestSpaces
{
    /// <summary>A choice of string values.</summary>
    public static ChoiceDomain Choice(params string[] values) => new([.. values.Select(ParameterValue.Of)]);

    /// <summary>A condition: active when <paramref name="path"/> is one of <paramref name="values"/>.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<ParameterValue>> When(string path, params string[] values) =>
        new Dictionary<string, IReadOnlyList<ParameterValue>> { [path] = [.. values.Select(ParameterValue.Of)] };

    /// <summary>The seed grid's shape: a log-uniform learning rate, two optimizers, two activations.</summary>
    public static SearchSpace Seed() => new([
        new("training.learningRate", new LogUniformDomain(1e-4, 1e-2)),
        new("training.optimizer", Choice("sgd", "adam")),
        new("model.activation", Choice("relu", "gelu")),
    ]);

    /// <summary>Momentum only for sgd (declared before the optimizer it depends on).</summary>
    public static SearchSpace Conditional() => new([
        new("training.learningRate", new LogUniformDomain(1e-4, 1e-2)),
        new("training.momentum", new UniformDomain(0.5, 0.99), When("training.optimizer", "sgd")),
        new("training.optimizer", Choice("sgd", "adam")),
    ]);

    /// <summary>Every kind of domain, with a conditional branch.</summary>
    public static SearchSpace Mixed() => new([
        new("training.learningRate", new LogUniformDomain(1e-5, 1e-1)),
        new("training.weightDecay", new UniformDomain(0, 0.1)),
        new("model.settings.width", new IntegerDomain(16, 256, 16)),
        new("training.batchSize", new IntegerDomain(8, 512, 8, Log: true)),
        new("training.optimizer", Choice("sgd", "adam", "adamw")),
        new("training.momentum", new UniformDomain(0.5, 0.99), When("training.optimizer", "sgd")),
        new("training.nesterov", new ChoiceDomain([ParameterValue.Of(true), ParameterValue.Of(false)]), When("training.optimizer", "sgd")),
    ]);

    /// <summary>Twelve configurations: three widths, two optimizers, two activations.</summary>
    public static SearchSpace Finite() => new([
        new("model.settings.width", new IntegerDomain(32, 96, 32)),
        new("training.optimizer", Choice("sgd", "adam")),
        new("model.activation", Choice("relu", "gelu")),
    ]);
}
