namespace ClassifierToolkit.Cli.Ui.NewModels;

/// <summary>
/// The <c>ctk new</c> runs started from the page, shared by every browser (kept in the server's memory: a restart forgets them, their
/// output folders stay). Two runs never write into the same folder; the server's end kills the runs still going.
/// </summary>
internal sealed class NewJobs(UiRoot root) : IDisposable
{
    private readonly List<NewJob> _jobs = [];
    private readonly Lock _gate = new();
    private int _last;

    /// <summary>Checks <paramref name="request"/> and starts its run.</summary>
    /// <exception cref="UiRequestException">The request is wrong (see <see cref="NewModelRequest.Check"/>), or a run writes into its output folder already (409).</exception>
    public NewJob Start(NewModelRequest request)
    {
        lock (_gate)
        {
            var plan = request.Check(root);
            if (_jobs.FirstOrDefault(j => j.State == NewJobState.Running && j.Plan.Output == plan.Output) is { } busy)
                throw UiRequestException.Conflict($"Run {busy.Id} is writing into '{root.Relative(plan.Output)}' already; wait for it, or give another output folder or name.");
            Directory.CreateDirectory(plan.Output);
            var job = NewJob.Start((++_last).ToString(System.Globalization.CultureInfo.InvariantCulture), plan, root.FullPath);
            _jobs.Add(job);
            return job;
        }
    }

    /// <summary>Every run started since the server started, newest first.</summary>
    public IReadOnlyList<NewJob> All
    {
        get
        {
            lock (_gate) return [.. _jobs.AsEnumerable().Reverse()];
        }
    }

    /// <exception cref="UiRequestException">400 without an id, 404 for an unknown one.</exception>
    public NewJob Get(string? id)
    {
        if (string.IsNullOrWhiteSpace(id)) throw UiRequestException.BadRequest("Name the run: ?id=<run id> (GET /api/new/jobs lists them).");
        lock (_gate)
            return _jobs.FirstOrDefault(j => j.Id == id.Trim())
                ?? throw UiRequestException.NotFound($"There is no new-model run '{id}' in this ctk ui{(_jobs.Count == 0 ? " (none was started since it started)" : $"; it knows {string.Join(", ", _jobs.Select(j => j.Id))}")}.");
    }

    public void Dispose()
    {
        lock (_gate)
            foreach (var job in _jobs) job.Dispose();
    }
}
