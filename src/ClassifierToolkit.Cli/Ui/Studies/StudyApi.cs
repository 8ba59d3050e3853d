using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ClassifierToolkit.Cli.Ui;

/// <summary>A study's page, live while the search runs: leaderboard, best so far, parameters against the score, importance, trial states,
/// per-epoch curves, and stopping it. Requests name the store (<c>?store=</c>, an experiment.db relative to the root or <c>postgres</c>) and the study (<c>?study=</c>).</summary>
internal static class StudyApi
{
    public static void AddServices(IServiceCollection services)
    {
    }

    public static void Map(IEndpointRouteBuilder api)
    {
    }
}
