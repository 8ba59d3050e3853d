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
