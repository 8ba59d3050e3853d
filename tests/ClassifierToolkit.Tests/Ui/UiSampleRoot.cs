using ClassifierToolkit.Tests.Support;

namespace ClassifierToolkit.Tests.Ui;

/// <summary>A root for <c>ctk ui</c>'s tests, made once by the real commands on the Fashion-MNIST sample: <c>train/</c> (ctk train, one
/// short epoch) and <c>search/</c> (ctk automl, two tiny trials, with its experiment.db).</summary>
public sealed class UiSampleRoot
{
    public UiSampleRoot()
    {
        Root = TestPaths.NewTempFolder();
        Run("train", Path.Combine(TestPaths.Pipelines, "fashion-mnist-cnn.json"), "--epochs", "1", "--train-limit", "1000", "--test-limit", "200",
            "--data-dir", TestPaths.FashionMnistSample, "--set", "training.tensorBoard=false", "-o", Path.Combine(Root, "train", "model.zip"));
        var search = Path.Combine(Root, "search.json");
        File.WriteAllText(search, $$"""
            { "version": 1, "name": "ui-search",
              "data": { "trainLimit": 400, "testLimit": 100, "validationFraction": 0.25 },
              "input": { "mean": [0.5], "std": [0.5] },
              "model": { "name": "cnn" },
              "training": { "epochs": 2, "batchSize": 64 },
              "search": { "training.learningRate": { "logUniform": [0.0005, 0.005] } } }
            """);
        Run("automl", search, "--max-trials", "2", "--tuner", "random", "--pruner", "none", "--no-refit", "--data-dir", TestPaths.FashionMnistSample,
            "--output", Path.Combine(Root, "search"));
    }

    /// <summary>The root folder.</summary>
    public string Root { get; }

    private static void Run(params string[] args)
    {
        var result = CtkProcess.Run(args);
        if (result.ExitCode != 0) throw new InvalidOperationException($"ctk {string.Join(' ', args)} failed:\n{result.Error}{result.Output}");
    }
}
