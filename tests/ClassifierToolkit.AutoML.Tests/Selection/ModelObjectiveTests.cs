using ClassifierToolkit.AutoML.Selection;

namespace ClassifierToolkit.AutoML.Tests.Selection;

public class ModelObjectiveTests
{
    private static ModelChoice Choice(string name, double accuracy, double ms) => new(name, [1], [1.0], false, accuracy, ms, 1000);

    private static readonly ModelChoice[] Choices = [Choice("fast", 0.90, 0.5), Choice("middle", 0.93, 2), Choice("slow", 0.95, 8), Choice("slow twin", 0.95, 9)];

    [Theory]
    [InlineData("accuracy", null)]
    [InlineData(" Accuracy ", null)]
    [InlineData("latency:2", 2.0)]
    [InlineData("latency:0.5ms", 0.5)]
    public void Parse_KnownForms_GiveTheLimit(string text, double? limit) => Assert.Equal(limit, ModelObjective.Parse(text).MaxMsPerImage);

    [Theory]
    [InlineData("fast")]
    [InlineData("latency:")]
    [InlineData("latency:-1")]
    [InlineData("latency:abc")]
    public void Parse_Other_SaysWhatIsExpected(string text)
    {
        var error = Assert.Throws<FormatException>(() => ModelObjective.Parse(text));
        Assert.Contains("latency:<ms>", error.Message);
    }

    [Fact]
    public void Pick_Accuracy_TakesTheMostAccurateAndTheFasterOfATie() => Assert.Equal("slow", ModelObjective.Accuracy.Pick(Choices).Name);

    [Theory]
    [InlineData(100, "middle")]    // one standard error of 0.95 on 100 images is 2.2 points: 0.93 is within it and 4× faster
    [InlineData(10_000, "slow")]   // on 10,000 images it is 0.22 points: only the most accurate (the faster twin) is within
    [InlineData(null, "slow")]
    public void Pick_WithTheValidationSize_TakesTheFastestWithinOneStandardErrorOfTheBest(int? images, string expected) =>
        Assert.Equal(expected, ModelObjective.Accuracy.Pick(Choices, images).Name);

    [Fact]
    public void Pick_LatencyLimitAndValidationSize_AppliesTheRuleWithinTheLimit()
    {
        // Within 3 ms: 0.93 and 0.90; one standard error of 0.93 on 100 images is 2.6 points, so 0.90 is just outside it.
        Assert.Equal("middle", ModelObjective.Parse("latency:3").Pick(Choices, 100).Name);
        Assert.Equal("fast", ModelObjective.Parse("latency:3").Pick(Choices, 30).Name);
        Assert.Throws<ArgumentOutOfRangeException>(() => ModelObjective.Accuracy.Pick(Choices, 0));
    }

    [Fact]
    public void Pick_LatencyLimit_TakesTheMostAccurateWithinIt() => Assert.Equal("middle", ModelObjective.Parse("latency:3").Pick(Choices).Name);

    [Fact]
    public void Pick_LimitBelowEveryModel_TakesTheFastest() => Assert.Equal("fast", ModelObjective.Parse("latency:0.1").Pick(Choices).Name);

    [Fact]
    public void ParetoFront_DropsModelsBeatenOnBothAccuracyAndTime()
    {
        var front = new ExportedChoices([.. Choices, Choice("worse", 0.92, 3)], Choices[0], ModelObjective.Accuracy).ParetoFront();

        Assert.Equal(["fast", "middle", "slow"], front.Select(c => c.Name).Order());
    }
}
