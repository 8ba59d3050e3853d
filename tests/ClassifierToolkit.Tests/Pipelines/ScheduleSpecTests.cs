using ClassifierToolkit.Pipelines;

namespace ClassifierToolkit.Tests.Pipelines;

public class ScheduleSpecTests
{
    [Fact]
    public void Factor_Constant_IsOneThroughout()
    {
        Assert.All(new[] { 0.0, 3.3, 10 }, t => Assert.Equal(1, ScheduleSpec.Constant.Factor(t, 10)));
    }

    [Fact]
    public void Factor_Step_DecaysByGammaEveryStep()
    {
        var schedule = new ScheduleSpec { Kind = ScheduleKind.Step, StepEpochs = 3, Gamma = 0.5 };
        Assert.Equal(1, schedule.Factor(2.99, 10));
        Assert.Equal(0.5, schedule.Factor(3, 10));
        Assert.Equal(0.25, schedule.Factor(6.5, 10));
    }

    [Fact]
    public void Factor_Cosine_FallsFromOneToMinFactor()
    {
        var schedule = new ScheduleSpec { Kind = ScheduleKind.Cosine, MinFactor = 0.1 };
        Assert.Equal(1, schedule.Factor(0, 10), 9);
        Assert.Equal(0.55, schedule.Factor(5, 10), 9);
        Assert.Equal(0.1, schedule.Factor(10, 10), 9);
    }

    [Fact]
    public void Factor_WarmupCosine_RisesLinearlyThenDecays()
    {
        var schedule = new ScheduleSpec { Kind = ScheduleKind.WarmupCosine, WarmupEpochs = 2 };
        Assert.Equal(0.25, schedule.Factor(0.5, 10), 9);
        Assert.Equal(1, schedule.Factor(2, 10), 9);
        Assert.True(schedule.Factor(6, 10) < schedule.Factor(3, 10));
        Assert.Equal(0, schedule.Factor(10, 10), 9);
    }

    [Fact]
    public void Factor_OneCycle_StartsLowPeaksAtThirtyPercentEndsNearZero()
    {
        var schedule = new ScheduleSpec { Kind = ScheduleKind.OneCycle };
        Assert.Equal(1.0 / 25, schedule.Factor(0, 10), 9);
        Assert.Equal(1, schedule.Factor(3, 10), 9);
        Assert.Equal(1e-4, schedule.Factor(10, 10), 9);
    }

    [Fact]
    public void Validate_WarmupLongerThanTraining_Throws()
    {
        var schedule = new ScheduleSpec { Kind = ScheduleKind.WarmupCosine, WarmupEpochs = 5 };
        var error = Assert.Throws<PipelineSpecException>(() => schedule.Validate(5));
        Assert.Equal("$.training.schedule.warmupEpochs", error.JsonPath);
    }
}
