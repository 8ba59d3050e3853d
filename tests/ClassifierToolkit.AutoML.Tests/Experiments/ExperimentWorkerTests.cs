using ClassifierToolkit.AutoML.Experiments;
using ClassifierToolkit.AutoML.Portfolios;
using ClassifierToolkit.AutoML.Storage;
using ClassifierToolkit.AutoML.Tests.Portfolios;
using ClassifierToolkit.AutoML.Trials;
using ClassifierToolkit.AutoML.Tuners;

namespace ClassifierToolkit.AutoML.Tests.Experiments;

public class ExperimentWorkerTests
{
    private static readonly SearchFile Search = SearchFile.Parse(PortfolioTests.Narrowed, "narrowed.json");

    private static StudyRecord Study(bool portfolio = true, int? maxTrials = null) => new(
        new StudyDefinition("narrowed", Search.Json, "cfo", """{"kind":"none"}""", 1, "valAccuracy")
        {
            StartingPoints = portfolio ? StartingPoint.Write(Portfolio.For(Search)) : null,
        },
        DateTime.UtcNow, null, maxTrials, null, false);

    private static TrialRecord Told(int number, TrialProposal proposal, double? score) =>
        TestTrials.Record(number, proposal.Parameters, score is null ? TrialState.Failed : TrialState.Complete, score, 2) with { Source = proposal.Source };

    [Fact]
    public void Propose_Portfolio_OffersEachRecipeOnceInOrderSkippingOnesAlreadyToldThenAsksTheTuner()
    {
        var study = Study();
        var points = Portfolio.For(Search);
        var trials = new List<TrialRecord>();

        var first = ExperimentWorker.Propose(study, Search, trials)!;
        trials.Add(Told(1, first, null));
        // The tuner happened to try the third recipe's configuration already: it is not offered again.
        trials.Add(TestTrials.Record(2, points[2].Parameters, TrialState.Complete, 0.5, 2));
        var second = ExperimentWorker.Propose(study, Search, trials)!;
        trials.Add(Told(3, second, 0.9));
        var third = ExperimentWorker.Propose(study, Search, trials)!;

        Assert.Equal((points[0].Parameters, "portfolio: cnn-plus tuned"), (first.Parameters, first.Source));
        Assert.Equal((points[1].Parameters, "portfolio: cnn-plus shipped"), (second.Parameters, second.Source));
        Assert.Null(third.Source);
        Assert.DoesNotContain(third.Parameters, trials.Select(t => t.Parameters));
    }

    [Fact]
    public void Propose_NoStartingPoints_FirstProposalIsTheTunersStart()
    {
        var proposal = ExperimentWorker.Propose(Study(portfolio: false), Search, [])!;

        Assert.Null(proposal.Source);
        Assert.Equal(new CfoTuner(Search.Space, 1).Ask(), proposal.Parameters);
    }

    [Fact]
    public void Propose_CfoAfterAStrongPortfolioTrial_ProposesANeighbourOfIt()
    {
        var study = Study();
        var trials = new List<TrialRecord>();
        foreach (var score in new[] { 0.80, 0.95, 0.85 })
            trials.Add(Told(trials.Count + 1, ExperimentWorker.Propose(study, Search, trials)!, score));

        var next = ExperimentWorker.Propose(study, Search, trials)!;

        var strong = trials[1];
        var coordinates = new CfoCoordinates(Search.Space);
        var from = coordinates.Encode(strong.Parameters, new double[Search.Space.Parameters.Count]);
        var to = coordinates.Encode(next.Parameters, from);
        var numeric = Enumerable.Range(0, from.Length).Where(coordinates.IsNumeric).ToList();
        var distance = Math.Sqrt(numeric.Sum(i => Math.Pow(to[i] - from[i], 2)));
        Assert.Null(next.Source);
        // CFO's first step from its incumbent is 0.1 sqrt(dimension).
        Assert.InRange(distance, 1e-9, 0.1 * Math.Sqrt(coordinates.Dimension) + 1e-9);
    }

    [Fact]
    public void Propose_ImportedTrials_DoNotUseTheTrialBudget()
    {
        var study = Study(portfolio: false, maxTrials: 1);
        var imported = TestTrials.Record(1, Portfolio.For(Search)[0].Parameters, TrialState.Complete, 0.9, 2) with { Source = TrialSources.Imported("earlier", 4) };

        var proposal = ExperimentWorker.Propose(study, Search, [imported]);

        Assert.NotNull(proposal);
        Assert.Null(ExperimentWorker.Propose(study, Search, [imported, TestTrials.Record(2, proposal.Parameters, TrialState.Complete, 0.5, 2)]));
    }
}
