using ClassifierToolkit.AutoML.Storage;
using ClassifierToolkit.AutoML.Trials;

namespace ClassifierToolkit.AutoML.Tests.Storage;

/// <summary>The rules every store shares: how a stored state is read back.</summary>
public class StoreContractTests
{
    [Fact]
    public void ParseState_AFailedRowForALostWorker_WrittenBeforeTheLostState_IsReadAsLost()
    {
        Assert.Equal(TrialState.Lost, StoreContract.ParseState("failed", "worker lost"));
        Assert.Equal(TrialState.Lost, StoreContract.ParseState("lost", "worker lost"));
        Assert.Equal(TrialState.Failed, StoreContract.ParseState("failed", "diverged: loss is NaN at epoch 3"));
        Assert.Throws<InvalidOperationException>(() => StoreContract.ParseState("exploded", null));
    }
}
