using System.Text.Json;
using System.Text.Json.Nodes;
using ClassifierToolkit.AutoML.SearchSpaces;
using ClassifierToolkit.AutoML.Trials;
using ClassifierToolkit.Pipelines;

namespace ClassifierToolkit.AutoML.Experiments;

/// <summary>
/// A search file: a pipeline (the base every trial starts from) with a <c>search</c> section. A trial's pipeline is the
/// base plus its parameters as JSON-path overrides, read back by the pipeline loader, so every check a pipeline file gets
/// applies to every sampled configuration.
/// </summary>
internal sealed class SearchFile
{
    private readonly JsonObject _base;
    private readonly string? _baseDirectory;

    private SearchFile(string file, JsonObject json, string? baseDirectory, SearchSpace space, PipelineSpec basePipeline)
    {
        File = file;
        _base = json;
        _baseDirectory = baseDirectory;
        Space = space;
        BasePipeline = basePipeline;
    }

    /// <summary>The file (named in errors).</summary>
    public string File { get; }
    /// <summary>The searched parameters.</summary>
    public SearchSpace Space { get; }
    /// <summary>The base pipeline, overrides applied.</summary>
    public PipelineSpec BasePipeline { get; }
    /// <summary>The resolved JSON (overrides applied, search section included), as stored with the study.</summary>
    public string Json => _base.ToJsonString(new JsonSerializerOptions { WriteIndented = true });

    /// <summary>Reads a search file and checks every parameter's values against the pipeline loader (and <paramref name="check"/>,
    /// e.g. the model registry) before anything runs.</summary>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="PipelineSpecException">The pipeline, the search section or a parameter's values are refused; names the parameter.</exception>
    public static SearchFile Load(string file, PipelineOverrides? overrides = null, Action<PipelineSpec>? check = null)
    {
        if (!System.IO.File.Exists(file)) throw new FileNotFoundException($"Search file '{file}' does not exist.", file);
        return Parse(System.IO.File.ReadAllText(file), file, Path.GetDirectoryName(Path.GetFullPath(file)), overrides, check);
    }

    /// <summary>Parses search-file JSON (see <see cref="Load"/>).</summary>
    public static SearchFile Parse(string json, string file, string? baseDirectory = null, PipelineOverrides? overrides = null, Action<PipelineSpec>? check = null)
    {
        var root = PipelineSpecLoader.ParseObject(json, file);
        overrides?.ApplyTo(root, file);
        if (root[PipelineSpecLoader.SearchKey] is not JsonObject search)
            throw new PipelineSpecException(file, "$.search", "missing: a search file is a pipeline with a 'search' section naming the parameters to search.");
        using var searchDocument = JsonDocument.Parse(search.ToJsonString());
        var space = SearchSpaceReader.Read(searchDocument.RootElement, file);
        var basePipeline = PipelineSpecLoader.Read(root, file, baseDirectory);
        // Stored with the study and read by workers elsewhere: data paths must not depend on where the file was.
        if (root["data"] is JsonObject data)
        {
            if (basePipeline.Data.Path is { } path) data["path"] = path;
            if (basePipeline.Data.TestPath is { } testPath) data["testPath"] = testPath;
        }
        check?.Invoke(basePipeline);
        var searchFile = new SearchFile(file, root, baseDirectory, space, basePipeline);
        searchFile.CheckParameters(check);
        return searchFile;
    }

    /// <summary>The pipeline of a trial: the base with <paramref name="parameters"/> applied, named <paramref name="name"/>.
    /// A conditional parameter the set does not hold (its condition is not met) is taken out of the base, so e.g. the base's
    /// <c>model.settings.dropout</c> does not reach a model chosen by <c>model.name</c> that has no dropout.</summary>
    /// <exception cref="PipelineSpecException">The loader refuses the combination; the message names the path.</exception>
    public PipelineSpec TrialPipeline(ParameterSet parameters, string name)
    {
        var overrides = new PipelineOverrides();
        foreach (var inactive in Space.Parameters.Where(p => p.Conditions.Count > 0 && !parameters.ContainsKey(p.Path)))
            overrides.Remove(inactive.Path);
        foreach (var (path, value) in parameters) overrides.Set(path, value.ToJsonNode());
        var json = (JsonObject)_base.DeepClone();
        overrides.ApplyTo(json, File);
        json["name"] = name;
        return PipelineSpecLoader.Read(json, File, _baseDirectory);
    }

    /// <summary>The base pipeline's scalar at a dotted JSON path (e.g. <c>training.batchSize</c>), or null when it sets none there.</summary>
    public ParameterValue? BaseValue(string path)
    {
        JsonNode? node = _base;
        foreach (var key in path.Split('.')) node = node is JsonObject json ? json[key] : null;
        if (node is not JsonValue value || value.GetValueKind() is not (JsonValueKind.Number or JsonValueKind.String or JsonValueKind.True or JsonValueKind.False)) return null;
        using var document = JsonDocument.Parse(value.ToJsonString());
        return ParameterValue.FromJson(document.RootElement);
    }

    // Every value a parameter can take at its extremes must be a value the loader accepts (with its conditions met).
    private void CheckParameters(Action<PipelineSpec>? check)
    {
        foreach (var parameter in Space.Parameters)
        foreach (var value in parameter.Domain.Representatives())
        {
            var parameters = new Dictionary<string, ParameterValue>(parameter.Conditions.ToDictionary(c => c.Key, c => c.Value[0])) { [parameter.Path] = value };
            try
            {
                var spec = TrialPipeline(new ParameterSet(parameters), BasePipeline.Name);
                check?.Invoke(spec);
            }
            catch (PipelineSpecException e)
            {
                throw new PipelineSpecException(File, $"$.search['{parameter.Path}']", $"the value {value} is refused: {e.JsonPath}: {e.Problem}", e);
            }
        }
    }
}
