using System.Text.Json.Nodes;

namespace ClassifierToolkit.Cli.New;

/// <summary>
/// The search <c>ctk new</c> runs: a search file (a pipeline with a <c>search</c> section, as <c>ctk automl</c> reads) made
/// from the data and the chosen input. From scratch it searches the model family (the cheapest first, where the
/// cost-frugal tuner starts) and the recipe; with pretrained weights it fine-tunes their model and searches the recipe.
/// </summary>
internal static class SearchPlan
{
    /// <summary>Epochs of a from-scratch trial; ASHA stops the weak ones after 1, 3 and 9.</summary>
    public const int ScratchEpochs = 12;
    /// <summary>Epochs of a fine-tuning trial: pretrained backbones converge sooner.</summary>
    public const int TransferEpochs = 8;

    /// <summary>The search file's JSON.</summary>
    /// <param name="settings">What the user asked for.</param>
    /// <param name="input">The input picked from the data.</param>
    /// <param name="trainImages">Usable training images (sizes the batches).</param>
    /// <param name="pretrained">The model and input normalization of <see cref="NewSettings.Weights"/>, or null without weights.</param>
    public static JsonObject Create(NewSettings settings, InputChoice input, int trainImages, PretrainedStart? pretrained)
    {
        bool transfer = pretrained is not null;
        string? weightsModel = pretrained?.Model;
        var models = transfer ? [weightsModel!] : input.Side <= 32 ? new[] { "cnn", "resnet8", "cnn-plus", "resnet20" } : ["resnet8", "cnn-plus", "resnet20"];
        var batchSizes = trainImages < 5_000 ? new[] { 32, 64 } : [64, 128];
        var data = new JsonObject
        {
            ["source"] = "folder", ["path"] = settings.Data, ["validationFraction"] = 0.2, ["seed"] = settings.Seed, ["strict"] = settings.Strict,
        };
        if (settings.TestData is not null) data["testPath"] = settings.TestData;
        var training = new JsonObject
        {
            ["optimizer"] = "adamw", ["learningRate"] = transfer ? 0.001 : 0.002, ["weightDecay"] = 0.0005, ["batchSize"] = batchSizes[0],
            ["epochs"] = transfer ? TransferEpochs : ScratchEpochs, ["seed"] = settings.Seed, ["schedule"] = new JsonObject { ["kind"] = "one-cycle" },
            ["labelSmoothing"] = 0.1, ["augmentation"] = new JsonObject { ["cropPadding"] = 2, ["horizontalFlip"] = true },
            ["keepBest"] = "valAccuracy", ["precision"] = "auto", ["device"] = "auto",
        };
        var search = new JsonObject
        {
            ["training.learningRate"] = Range("logUniform", transfer ? 0.0001 : 0.0005, transfer ? 0.003 : 0.006),
            ["training.weightDecay"] = Range("logUniform", 0.00005, 0.005),
            ["training.batchSize"] = Choice(batchSizes.Select(b => (JsonNode)b)),
            ["training.labelSmoothing"] = Range("uniform", 0.0, 0.15),
            ["training.augmentation.cropPadding"] = new JsonObject { ["int"] = new JsonArray(0, Math.Max(1, input.Side / 8)) },
            ["training.augmentation.horizontalFlip"] = Choice([true, false]),
        };
        if (transfer) search["transfer.backboneLearningRateFactor"] = Range("logUniform", 0.03, 0.5);
        else
        {
            search["model.name"] = Choice(models.Select(m => (JsonNode)m));
            search["model.settings.dropout"] = new JsonObject { ["uniform"] = new JsonArray(0.1, 0.45), ["when"] = new JsonObject { ["model.name"] = "cnn-plus" } };
        }
        var file = new JsonObject
        {
            ["version"] = 1,
            ["name"] = settings.Name,
            ["description"] = $"Made by 'ctk new' from {settings.Data}: {input.Reason}.",
            ["data"] = data,
            ["input"] = new JsonObject
            {
                ["width"] = input.Side, ["height"] = input.Side, ["channels"] = input.Channels,
                ["mean"] = Normalization(pretrained?.Mean ?? [0.5f], input.Channels),
                ["std"] = Normalization(pretrained?.Std ?? [0.5f], input.Channels),
                ["resize"] = input.CenterCrop ? "center-crop" : "stretch",
            },
            ["model"] = new JsonObject { ["name"] = models[0] },
            ["training"] = training,
            ["search"] = search,
        };
        if (transfer) file["transfer"] = new JsonObject { ["weights"] = settings.Weights, ["mode"] = "finetune", ["headEpochs"] = 1, ["backboneLearningRateFactor"] = 0.1 };
        return file;
    }

    // One value per channel. Grey input from RGB statistics takes their average, as the adapted first convolution sums the
    // colour channels; one value serves every channel.
    private static JsonArray Normalization(IReadOnlyList<float> values, int channels) =>
        channels == values.Count ? new JsonArray(values.Select(v => (JsonNode)Math.Round(v, 4)).ToArray()) : new JsonArray(Math.Round(values.Average(), 4));

    private static JsonObject Range(string kind, double low, double high) => new() { [kind] = new JsonArray(low, high) };

    private static JsonObject Choice(IEnumerable<JsonNode> values) => new() { ["choice"] = new JsonArray(values.ToArray()) };
}
