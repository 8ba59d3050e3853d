using ClassifierToolkit.AutoML.Storage;

namespace ClassifierToolkit.AutoML.Tests.Storage;

public sealed class InMemoryExperimentStoreTests : ExperimentStoreContractTests
{
    protected override Task<IExperimentStore> OpenStoreAsync() => Task.FromResult<IExperimentStore>(new InMemoryExperimentStore());
}
