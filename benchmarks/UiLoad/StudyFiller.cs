using ClassifierToolkit.AutoML.Storage;
using ClassifierToolkit.AutoML.Trials;
using ClassifierToolkit.Training;

namespace Benchmarks.UiLoad;

/// <summary>Writes a study of many finished trials into a store through its public API, as workers would have: each trial started,
/// its epochs reported, and finished complete, pruned or failed. The values are made up; the shape (rows, epochs, parameters) is real.</summary>
internal static class StudyFiller
{
    public static async Task FillAsync(string storage, string studyName, string pipelineJson, int trials, int epochs, int seed)
    {
        var random = new Random(seed);
        await using var store = await ExperimentStores.OpenAsync(storage, storage);
        var definition = new StudyDefinition(studyName, pipelineJson, "random", """{"kind":"asha","gracePeriod":1,"reductionFactor":3}""", seed, "valAccuracy");
        await store.CreateStudyAsync(definition, new StudyControl(null, null, null, StopRequested: false));
        for (int i = 0; i < trials; i++)
        {
            var parameters = ParameterSet.Empty
                .With("training.learningRate", ParameterValue.Of(Math.Exp(random.NextDouble() * 4 - 9)))
                .With("training.batchSize", ParameterValue.Of((double)(32 << random.Next(3))))
                .With("model.name", ParameterValue.Of(random.Next(2) == 0 ? "cnn" : "resnet8"))
                .With("training.augmentation.horizontalFlip", ParameterValue.Of(random.Next(2) == 0));
            var trial = await store.StartTrialAsync(studyName, "bench:1", _ => new TrialProposal(parameters))
                ?? throw new InvalidOperationException("the store proposed no trial");
            var state = random.NextDouble() switch { < 0.3 => TrialState.Complete, < 0.95 => TrialState.Pruned, _ => TrialState.Failed };
            int ran = state == TrialState.Complete ? epochs : 1 + random.Next(epochs);
            double accuracy = 0.5 + 0.4 * random.NextDouble();
            for (int e = 1; e <= ran; e++)
            {
                accuracy = Math.Min(0.95, accuracy + 0.02 * random.NextDouble());
                await store.ReportEpochAsync(studyName, trial.Number, new EpochMetrics(e, 1.0 / e, 0.9 / e, accuracy, 30, 0.001));
            }
            await store.FinishTrialAsync(studyName, trial.Number, new TrialOutcome(state, state == TrialState.Failed ? null : accuracy,
                state == TrialState.Failed ? "made-up failure" : null));
        }
    }
}
