using System.Text.Json.Nodes;

namespace ClassifierToolkit.Cli.New;

/// <summary>
/// The search <c>ctk new</c> runs: a search file (a pipeline with a <c>search</c> section, as <c>ctk automl</c> reads) made
/// from the data and the chosen input. From scratch it searches the model family (the cheapest first, where the
/// cost-frugal tuner starts) and the recipe; with pretrained weights it fine-tunes their model and searches the recipe.
/// With the built-in ImageNet backbone it also searches head-only (bottleneck, features cached) against fine-tuning and
/// how many stages train, with the first trial's epochs sized from the measured speed so it ends within the time.
/// </summary>
internal static class SearchPlan
{
    /// <summary>Epochs of a from-scratch trial; ASHA stops the weak ones after 1, 3 and 9.</summary>
    public const int ScratchEpochs = 12;
    /// <summary>Epochs of a fine-tuning trial: pretrained backbones converge sooner.</summary>
    public const int TransferEpochs = 8;

    /// <summary>Fewer fine-tuning epochs than this (one of them head-only) are not worth a first trial: head-only goes first.</summary>
    public const int MinFineTuneEpochs = 3;
    /// <summary>The range of epochs searched for a head on cached features.</summary>
    public static readonly int[] BottleneckEpochs = [15, 60];
    /// <summary>The most epochs a fine-tuning trial of the built-in backbone gets, however long the run.</summary>
    public const int MaxFineTuneEpochs = 12;
    /// <summary>The share of the search time the first fine-tuning trial is sized to take (reading the images comes first).</summary>
    public const double FirstTrialShare = 0.6;

    /// <summary>
    /// Fine-tuning epochs that fit <see cref="FirstTrialShare"/> of <paramref name="searchTime"/>: training images at the
    /// measured <paramref name="secondsPerImage"/>, validation images (a fifth of the folder; forward only) at a third of it.
    /// </summary>
    public static int FineTuneEpochs(TimeSpan searchTime, int images, double secondsPerImage)
    {
        double epoch = secondsPerImage * (images * 0.8 + images * 0.2 / 3);
        return epoch <= 0 ? MaxFineTuneEpochs : (int)Math.Clamp(Math.Floor(searchTime.TotalSeconds * FirstTrialShare / epoch), 1, MaxFineTuneEpochs);
    }

    /// <summary>The search file's JSON.</summary>
    /// <param name="settings">What the user asked for.</param>
    /// <param name="input">The input picked from the data.</param>
    /// <param name="trainImages">Usable training images (sizes the batches).</param>
    /// <param name="start">Where training starts: the weights and their model and normalization.</param>
    /// <param name="fineTuneEpochs">The built-in backbone's fine-tuning epochs that fit the time (see <see cref="FineTuneEpochs"/>).</param>
    public static JsonObject Create(NewSettings settings, InputChoice input, int trainImages, WeightsChoice start, int fineTuneEpochs = TransferEpochs)
    {
        var pretrained = start.Pretrained;
        bool transfer = pretrained is not null;
        bool imageNet = pretrained?.Model == Torch.Transfer.ImageNet.ImageNetWeights.ModelName;
        string? weightsModel = pretrained?.Model;
        var models = transfer ? [weightsModel!] : input.Side <= 32 ? new[] { "cnn", "resnet8", "cnn-plus", "resnet20" } : ["resnet8", "cnn-plus", "resnet20"];
        var batchSizes = BatchSizes(trainImages);
        var data = new JsonObject
        {
            ["source"] = "folder", ["path"] = settings.Data, ["validationFraction"] = 0.2, ["seed"] = settings.Seed, ["strict"] = settings.Strict,
        };
        if (settings.TestData is not null) data["testPath"] = settings.TestData;
        var training = new JsonObject
        {
            ["optimizer"] = "adamw", ["learningRate"] = transfer ? 0.001 : 0.002, ["weightDecay"] = 0.0005, ["batchSize"] = batchSizes[0],
            ["epochs"] = imageNet ? fineTuneEpochs : transfer ? TransferEpochs : ScratchEpochs, ["seed"] = settings.Seed, ["schedule"] = new JsonObject { ["kind"] = "one-cycle" },
            ["labelSmoothing"] = 0.1,
            ["augmentation"] = imageNet ? new JsonObject { ["horizontalFlip"] = true, ["randomResizedCrop"] = 0.5 } : new JsonObject { ["cropPadding"] = 2, ["horizontalFlip"] = true },
            ["keepBest"] = "valAccuracy", ["precision"] = "auto", ["device"] = "auto",
        };
        var search = new JsonObject
        {
            ["training.learningRate"] = Range("logUniform", transfer ? 0.0001 : 0.0005, transfer ? 0.003 : 0.006),
            ["training.weightDecay"] = Range("logUniform", 0.00005, 0.005),
            ["training.batchSize"] = Choice(batchSizes.Select(b => (JsonNode)b)),
            ["training.labelSmoothing"] = Range("uniform", 0.0, 0.15),
            ["training.augmentation.horizontalFlip"] = Choice([true, false]),
        };
        if (imageNet)
        {
            // Fine-tuning first when it fits (the first trial takes each choice's first value), head-only otherwise; either
            // way the other is searched, and a head-only trial costs seconds once the features are cached.
            var modes = fineTuneEpochs >= MinFineTuneEpochs ? new JsonNode[] { "finetune", "bottleneck" } : ["bottleneck", "finetune"];
            search["transfer.mode"] = Choice(modes);
            var fineTuning = new JsonObject { ["transfer.mode"] = "finetune" };
            search["transfer.unfreezeStages"] = new JsonObject { ["int"] = new JsonArray(1, 6), ["when"] = fineTuning.DeepClone() };
            search["transfer.backboneLearningRateFactor"] = new JsonObject { ["logUniform"] = new JsonArray(0.03, 0.5), ["when"] = fineTuning.DeepClone() };
            search["training.augmentation.randomResizedCrop"] = new JsonObject { ["uniform"] = new JsonArray(0.25, 0.9), ["when"] = fineTuning.DeepClone() };
            // A head on cached features takes milliseconds an epoch: it gets the epochs a linear model needs, not fine-tuning's.
            search["training.epochs"] = new JsonObject { ["int"] = new JsonArray(BottleneckEpochs[0], BottleneckEpochs[1]), ["when"] = new JsonObject { ["transfer.mode"] = "bottleneck" } };
            // The chosen side first (the first trial's epochs were sized for it), then the next smaller one, which trains
            // and scores faster; never a larger one, whose trials would not fit the epochs sized for this one.
            if (ImageNetSides(input.Side) is { Count: > 1 } sides) search["input.size"] = Choice(sides.Select(s => (JsonNode)s));
        }
        else
            search["training.augmentation.cropPadding"] = new JsonObject { ["int"] = new JsonArray(0, Math.Max(1, input.Side / 8)) };
        if (transfer && !imageNet) search["transfer.backboneLearningRateFactor"] = Range("logUniform", 0.03, 0.5);
        else if (!transfer)
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
                ["channels"] = input.Channels,
                ["mean"] = Normalization(pretrained?.Mean ?? [0.5f], input.Channels),
                ["std"] = Normalization(pretrained?.Std ?? [0.5f], input.Channels),
                ["resize"] = input.CenterCrop ? "center-crop" : "stretch",
            },
            ["model"] = new JsonObject { ["name"] = models[0] },
            ["training"] = training,
            ["search"] = search,
        };
        // A square input: one "size" a search can move (the backbone's search does), or width and height.
        var inputSection = file["input"]!.AsObject();
        if (imageNet) inputSection.Insert(0, "size", input.Side);
        else
        {
            inputSection.Insert(0, "height", input.Side);
            inputSection.Insert(0, "width", input.Side);
        }
        if (transfer) file["transfer"] = new JsonObject { ["weights"] = start.Weights, ["mode"] = "finetune", ["headEpochs"] = 1, ["backboneLearningRateFactor"] = 0.1 };
        return file;
    }

    /// <summary>The input sides the built-in backbone's search tries: <paramref name="chosen"/>, then the next smaller of <see cref="InputChoice.ImageNetSides"/>.</summary>
    public static IReadOnlyList<int> ImageNetSides(int chosen) =>
        [chosen, .. InputChoice.ImageNetSides.Select(step => step.Side).Where(side => side < chosen).OrderDescending().Take(1)];

    /// <summary>The first trial's batch size for <paramref name="trainImages"/>.</summary>
    public static int BatchSizeFor(int trainImages) => BatchSizes(trainImages)[0];

    private static int[] BatchSizes(int trainImages) => trainImages < 5_000 ? [32, 64] : [64, 128];

    // One value per channel. Grey input from RGB statistics takes their average, as the adapted first convolution sums the
    // colour channels; one value serves every channel.
    private static JsonArray Normalization(IReadOnlyList<float> values, int channels) =>
        channels == values.Count ? new JsonArray(values.Select(v => (JsonNode)Math.Round(v, 4)).ToArray()) : new JsonArray(Math.Round(values.Average(), 4));

    private static JsonObject Range(string kind, double low, double high) => new() { [kind] = new JsonArray(low, high) };

    private static JsonObject Choice(IEnumerable<JsonNode> values) => new() { ["choice"] = new JsonArray(values.ToArray()) };
}
