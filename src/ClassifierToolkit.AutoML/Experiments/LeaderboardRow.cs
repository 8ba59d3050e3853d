using ClassifierToolkit.AutoML.Trials;

namespace ClassifierToolkit.AutoML.Experiments;

/// <summary>One trial's line in the leaderboard.</summary>
/// <param name="Rank">1-based position, best first.</param>
/// <param name="Trial">The trial.</param>
/// <param name="Objective">The objective's real value (a loss is positive again), or null without a score.</param>
/// <param name="BestValAccuracy">The best validation accuracy any epoch reported, or null.</param>
internal sealed record LeaderboardRow(int Rank, TrialRecord Trial, double? Objective, double? BestValAccuracy);
