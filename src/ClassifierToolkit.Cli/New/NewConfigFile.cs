using System.Text.Json;
using System.Text.Json.Nodes;
using ClassifierToolkit.IO;

namespace ClassifierToolkit.Cli.New;

/// <summary>
/// Reads and writes <c>&lt;Name&gt;.ctk.json</c>: the settings (paths relative to the file, so the folder can be checked in and
/// moved) and, once a run has finished, its <c>result</c>: the chosen pipeline, the test metrics and every trial. Only
/// the settings are read back: <c>ctk new --config</c> runs them again.
/// </summary>
internal static class NewConfigFile
{
    private static readonly string[] Keys = ["version", "scenario", "name", "data", "trainTime", "weights", "imageSize", "seed", "result"];
    private static readonly string[] DataKeys = ["train", "test", "strict"];
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Writes the settings and <paramref name="result"/> atomically.</summary>
    public static void Write(NewSettings settings, JsonObject? result)
    {
        var folder = settings.Output;
        string? Relative(string? path) => path is null ? null : Path.GetRelativePath(folder, path);
        var file = new JsonObject
        {
            ["version"] = 1,
            ["scenario"] = settings.Scenario,
            ["name"] = settings.Name,
            ["data"] = new JsonObject { ["train"] = Relative(settings.Data), ["test"] = Relative(settings.TestData), ["strict"] = settings.Strict },
            ["trainTime"] = settings.TrainTime,
            ["weights"] = WeightsChoice.IsName(settings.Weights) ? settings.Weights : Relative(settings.Weights),
            ["imageSize"] = settings.ImageSize,
            ["seed"] = settings.Seed,
        };
        if (result is not null) file["result"] = result;
        AtomicFile.WriteAllText(settings.ConfigPath, file.ToJsonString(Indented));
    }

    /// <summary>Reads the settings of <paramref name="path"/>; the output folder is the file's folder.</summary>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="InvalidDataException">Not valid JSON, an unknown key, a missing or mistyped value; names the file and key.</exception>
    public static NewSettings Read(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Config file '{path}' does not exist. 'ctk new' writes <Name>.ctk.json into its output folder.", path);
        JsonObject root;
        try
        {
            root = JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? throw new InvalidDataException($"{path}: expected a JSON object.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not valid JSON ({e.Message}).", e);
        }
        CheckKeys(root, Keys, "$", path);
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var data = root["data"] as JsonObject ?? throw new InvalidDataException($"{path}: $.data is missing; it names the training folder: {{ \"train\": \"images\" }}.");
        CheckKeys(data, DataKeys, "$.data", path);
        string? Absolute(JsonNode? node, string key) => node is null ? null
            : node.GetValueKind() == JsonValueKind.String ? Path.GetFullPath(node.GetValue<string>(), folder)
            : throw new InvalidDataException($"{path}: {key} must be a path (a string).");
        try
        {
            if (root["version"]?.GetValue<int>() != 1) throw new InvalidDataException($"{path}: $.version must be 1.");
            return new NewSettings
            {
                Scenario = root["scenario"]?.GetValue<string>() ?? NewSettings.ImageClassification,
                Name = root["name"]?.GetValue<string>() ?? throw new InvalidDataException($"{path}: $.name is missing."),
                Data = Absolute(data["train"], "$.data.train") ?? throw new InvalidDataException($"{path}: $.data.train is missing: the training image folder."),
                TestData = Absolute(data["test"], "$.data.test"),
                Strict = data["strict"]?.GetValue<bool>() ?? false,
                TrainTime = root["trainTime"]?.GetValue<string>() ?? "10m",
                Weights = root["weights"]?.GetValue<string>() is { } weights && WeightsChoice.IsName(weights) ? weights : Absolute(root["weights"], "$.weights"),
                ImageSize = root["imageSize"]?.GetValue<int>(),
                Seed = root["seed"]?.GetValue<int>() ?? 1,
                Output = folder,
            };
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"{path}: a value has the wrong type ({e.Message}). Expected: version 1, name, trainTime and paths as strings, seed a number, data.strict true or false.", e);
        }
    }

    private static void CheckKeys(JsonObject section, string[] allowed, string where, string path)
    {
        var unknown = section.Select(p => p.Key).FirstOrDefault(key => !allowed.Contains(key));
        if (unknown is not null)
            throw new InvalidDataException($"{path}: {where}.{unknown}: unknown key. Allowed keys here: {string.Join(", ", allowed)}.");
    }
}
