using System.CommandLine;
using System.Text.Json.Nodes;
using ClassifierToolkit.Data.Sources;
using ClassifierToolkit.Pipelines;

namespace ClassifierToolkit.Cli.Commands;

/// <summary>
/// The command-line options that override a pipeline file's values, shared by <c>train</c>, <c>compare</c> and <c>automl</c>.
/// Each becomes a JSON-path override applied before the loader reads the file, so it is checked like the file's own value.
/// </summary>
internal sealed class PipelineOverrideOptions
{
    private readonly Option<int?> _epochs = new("--epochs") { Description = "Override training.epochs" };
    private readonly Option<int?> _trainLimit = new("--train-limit") { Description = "Use only the first N training images (data.trainLimit)" };
    private readonly Option<int?> _testLimit = new("--test-limit") { Description = "Use only the first N test images (data.testLimit)" };
    private readonly Option<string?> _device = new("--device") { Description = "auto | cpu | cuda (training.device)" };
    private readonly Option<bool> _strict = new("--strict") { Description = "Refuse image folders with unusable files instead of skipping them with a warning (data.strict)" };
    private readonly Option<string?> _dataDir = new("--data-dir") { Description = "Folder holding the Fashion-MNIST IDX files" };
    private readonly Option<string[]> _set = new("--set") { Description = "Override any pipeline value by its JSON path, e.g. --set training.learningRate=0.01 (repeatable)", AllowMultipleArgumentsPerToken = false };

    public PipelineOverrideOptions() => _device.AcceptOnlyFromAmong(SpecEnum<DeviceKind>.Names.ToArray());

    public IEnumerable<Option> Options => [_epochs, _trainLimit, _testLimit, _device, _strict, _dataDir, _set];

    /// <summary>Reads <paramref name="file"/> with the overrides the command line gives.</summary>
    public PipelineSpec Load(string file, ParseResult parse)
    {
        var spec = PipelineSpecLoader.Load(file, Overrides(parse));
        return DataDirectory(parse) is { } dataDir && ImageDataSources.Get(spec.Data.Source).PathIsDataDirectory ? spec with { Data = spec.Data with { Path = dataDir } } : spec;
    }

    /// <summary>The Fashion-MNIST folder the command line gives (absolute), or null.</summary>
    public string? DataDirectory(ParseResult parse) => parse.GetValue(_dataDir) is { } dataDir ? Path.GetFullPath(dataDir) : null;

    /// <summary>The JSON-path overrides the command line gives.</summary>
    public PipelineOverrides Overrides(ParseResult parse)
    {
        var overrides = new PipelineOverrides();
        if (parse.GetValue(_epochs) is { } epochs) overrides.Set("training.epochs", JsonValue.Create(epochs));
        if (parse.GetValue(_trainLimit) is { } trainLimit) overrides.Set("data.trainLimit", JsonValue.Create(trainLimit));
        if (parse.GetValue(_testLimit) is { } testLimit) overrides.Set("data.testLimit", JsonValue.Create(testLimit));
        if (parse.GetValue(_strict)) overrides.Set("data.strict", JsonValue.Create(true));
        if (parse.GetValue(_device) is { } device) overrides.Set("training.device", JsonValue.Create(device));
        foreach (var assignment in parse.GetValue(_set) ?? [])
        {
            try { overrides.Parse(assignment); }
            catch (ArgumentException e) { throw new UsageException($"--set {e.Message}"); }
        }
        return overrides;
    }
}
