using System.Text.Json.Nodes;
using ClassifierToolkit.Cli.New;
using ClassifierToolkit.Data;

namespace ClassifierToolkit.Tests.Cli.New;

/// <summary>How <c>ctk new</c> decides to start from the built-in ImageNet backbone, and the search it then plans.</summary>
public class ImageNetStartTests
{
    private static ImageFolderSummary Folder(int side, int greyImages, int images = 1000) =>
        new("/data", [("a", images / 2), ("b", images / 2)], images, side, side, side, side, greyImages, [], 0);

    [Fact]
    public void Auto_TakesTheBackbone_ForColourOrLargePictures_AndScratch_ForSmallGreyOnes()
    {
        var colour = WeightsChoice.For(Folder(300, greyImages: 10));
        Assert.Equal("imagenet", colour.Weights);
        Assert.Equal("resnet-mlnet", colour.Pretrained!.Model);
        Assert.Contains("in colour", colour.Reason);
        Assert.Contains("--weights none", colour.Reason);

        var largeGrey = WeightsChoice.For(Folder(256, greyImages: 1000));
        Assert.Equal("imagenet", largeGrey.Weights);
        Assert.Contains("large", largeGrey.Reason);

        var fashion = WeightsChoice.For(Folder(28, greyImages: 1000));
        Assert.Null(fashion.Weights);
        Assert.Contains("from scratch", fashion.Reason);
        Assert.Contains("--weights imagenet", fashion.Reason);
    }

    [Fact]
    public void Requested_NamesOverrideTheData()
    {
        Assert.Null(WeightsChoice.Requested(null));
        Assert.Null(WeightsChoice.Requested("auto"));
        Assert.Null(WeightsChoice.Requested("none")!.Weights);
        Assert.Equal("resnet-mlnet", WeightsChoice.Requested("imagenet")!.Pretrained!.Model);
        Assert.Throws<FileNotFoundException>(() => WeightsChoice.Requested("/nowhere/weights.safetensors"));
    }

    [Fact]
    public void ImageNetSides_TheChosenThenTheNextSmaller()
    {
        Assert.Equal([224, 160], SearchPlan.ImageNetSides(224));
        Assert.Equal([160, 128], SearchPlan.ImageNetSides(160));
        Assert.Equal([128], SearchPlan.ImageNetSides(128));
    }

    [Fact]
    public void ImageNetSide_GrowsWithTheSearchTime()
    {
        int Side(double minutes) => InputChoice.For(Folder(300, greyImages: 0), WeightsChoice.For(Folder(300, 0)).Pretrained, TimeSpan.FromMinutes(minutes)).Side;
        Assert.Equal([128, 128, 160, 224, 224], new[] { 1, 14.9, 15, 25, 60 }.Select(Side));
        var shortRun = InputChoice.For(Folder(300, greyImages: 0), WeightsChoice.For(Folder(300, 0)).Pretrained, TimeSpan.FromMinutes(9));
        Assert.StartsWith("128×128 RGB for the ImageNet backbone (a CPU fine-tunes more epochs at this size in the time; 160 from --train-time 17m", shortRun.Reason);
        // Small pictures (a 28 px median) get the smallest side whatever the time.
        var small = InputChoice.For(Folder(28, greyImages: 0), WeightsChoice.For(Folder(300, 0)).Pretrained, TimeSpan.FromHours(1));
        Assert.Equal(128, small.Side);
        Assert.Contains("its smallest: the pictures are small", small.Reason);
    }

    [Fact]
    public void ImageSize_OverridesTheChosenSide_AndSaysSo()
    {
        var chosen = InputChoice.For(Folder(300, greyImages: 0), WeightsChoice.For(Folder(300, 0)).Pretrained, TimeSpan.FromMinutes(20));
        var asked = chosen.WithSide(128);
        Assert.Equal((128, 3), (asked.Side, asked.Channels));
        Assert.StartsWith("128×128, as --image-size asks (the choice would have been 160×160", asked.Reason);
        Assert.Same(chosen, chosen.WithSide(null));
        Assert.Throws<ArgumentException>(() => chosen.WithSide(4));
    }

    [Fact]
    public void FineTuneEpochs_FitTheFirstTrialsShareOfTheTime()
    {
        // 1,000 images: 800 trained at 0.05 s and 200 validated at a third of it = 43.3 s an epoch; 60 % of 10 min = 360 s.
        Assert.Equal(8, SearchPlan.FineTuneEpochs(TimeSpan.FromMinutes(10), 1000, 0.05));
        Assert.Equal(1, SearchPlan.FineTuneEpochs(TimeSpan.FromSeconds(30), 1000, 0.05));
        Assert.Equal(SearchPlan.MaxFineTuneEpochs, SearchPlan.FineTuneEpochs(TimeSpan.FromHours(5), 1000, 0.05));
    }

    [Theory]
    [InlineData(8, "finetune")]
    [InlineData(2, "bottleneck")]
    public void Plan_SearchesHeadOnlyAgainstFineTuning_FirstWhatFitsTheTime(int epochs, string first)
    {
        var settings = new NewSettings { Name = "Clips", Data = "/data", Output = "/out" };
        var input = InputChoice.For(Folder(300, greyImages: 0), WeightsChoice.For(Folder(300, 0)).Pretrained, TimeSpan.FromMinutes(20));
        Assert.Equal((160, 3), (input.Side, input.Channels));

        var plan = SearchPlan.Create(settings, input, 1000, WeightsChoice.For(Folder(300, 0)), epochs);

        Assert.Equal("resnet-mlnet", plan["model"]!["name"]!.GetValue<string>());
        Assert.Equal("imagenet", plan["transfer"]!["weights"]!.GetValue<string>());
        Assert.Equal(epochs, plan["training"]!["epochs"]!.GetValue<int>());
        var search = plan["search"]!.AsObject();
        Assert.Equal(first, search["transfer.mode"]!["choice"]![0]!.GetValue<string>());
        foreach (var key in new[] { "transfer.unfreezeStages", "transfer.backboneLearningRateFactor", "training.augmentation.randomResizedCrop" })
            Assert.Equal("finetune", search[key]!["when"]!["transfer.mode"]!.GetValue<string>());
        Assert.False(search.ContainsKey("model.name"));
        // One square side the search moves: the chosen 160 first, then 128.
        Assert.Equal(160, plan["input"]!["size"]!.GetValue<int>());
        Assert.Null(plan["input"]!["width"]);
        Assert.Equal([160, 128], search["input.size"]!["choice"]!.AsArray().Select(v => v!.GetValue<int>()));
        var mean = plan["input"]!["mean"]!.AsArray().Select(v => v!.GetValue<double>()).ToArray();
        Assert.Equal(0.4829, mean[0], 4);
    }
}
