namespace ClassifierToolkit.Cli.Ui.Catalog;

/// <summary>A study as the list shows it.</summary>
/// <param name="Id">Where it is stored: an <c>experiment.db</c> relative to the root, or <c>postgres</c> for the <c>--storage</c> database.</param>
/// <param name="Study">The study's name inside that store.</param>
/// <param name="State">running (a trial is running), stopping (stop requested, trials still running), stopped, or finished.</param>
/// <param name="Best">The best score so far (the objective's direction applied), or null.</param>
internal sealed record StudyEntry(string Id, string Study, string State, DateTime ModifiedUtc, int Trials, int Running, int Complete, double? Best, string Metric);
