using System.Text.Json;
using ClassifierToolkit.IO;
using ClassifierToolkit.Torch.Models;
using ClassifierToolkit.Training;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ClassifierToolkit.Torch.Training.Checkpoints;

/// <summary>
/// Saves and restores everything a run needs to continue exactly: weights, optimizer state, the state of
/// both random generators (the loop's, behind shuffling and augmentation, and torch's global one, behind dropout), the history and the state of every <see cref="ICheckpointedCallback"/>. Each file is written atomically and <c>state.json</c> last, so a
/// checkpoint whose <c>state.json</c> exists is complete.
/// </summary>
internal static class TrainingCheckpoint
{
    private const string WeightsFile = "model.bin";
    private const string OptimizerFile = "optimizer.bin";
    private const string StateFile = "state.json";
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>Writes the state after the last finished epoch into <paramref name="folder"/>.</summary>
    public static void Save(string folder, TrainingState state)
    {
        Directory.CreateDirectory(folder);
        AtomicFile.Write(Path.Combine(folder, WeightsFile), temporary => state.Model.save(temporary));
        AtomicFile.Write(Path.Combine(folder, OptimizerFile), temporary => ((OptimizerHelper)state.Optimizer).save_state_dict(temporary));
        foreach (var callback in state.CheckpointedCallbacks) callback.SaveState(folder, state);
        using var generatorState = state.Generator.get_state();
        using var globalState = random.get_rng_state();
        var record = new CheckpointState(state.Epoch, state.History.ToList(), Base64(generatorState), Base64(globalState));
        AtomicFile.WriteAllText(Path.Combine(folder, StateFile), JsonSerializer.Serialize(record, Json));
    }

    /// <summary>True when <paramref name="folder"/> holds a complete checkpoint.</summary>
    public static bool Exists(string folder) => File.Exists(Path.Combine(folder, StateFile));

    /// <summary>Reads which epochs a checkpoint has finished.</summary>
    /// <exception cref="FileNotFoundException">No complete checkpoint in the folder.</exception>
    public static ResumePoint Read(string folder)
    {
        if (!Exists(folder))
            throw new FileNotFoundException($"'{folder}' holds no complete checkpoint (no {StateFile}). Train with checkpointing on (training.checkpointEvery) to be able to resume.");
        return new ResumePoint(folder, ReadState(folder).History);
    }

    /// <summary>
    /// Loads the weights, optimizer state and generator state saved in <paramref name="folder"/> into
    /// <paramref name="state"/> (whose history is the checkpoint's), then its checkpointed callbacks' state.
    /// </summary>
    public static void Restore(string folder, TrainingState state)
    {
        state.Model.load(Path.Combine(folder, WeightsFile));
        ((OptimizerHelper)state.Optimizer).load_state_dict(Path.Combine(folder, OptimizerFile));
        var saved = ReadState(folder);
        using var generatorState = tensor(Convert.FromBase64String(saved.GeneratorState), dtype: uint8);
        state.Generator.set_state(generatorState);
        if (saved.GlobalGeneratorState is { } global)
        {
            using var globalState = tensor(Convert.FromBase64String(global), dtype: uint8);
            random.set_rng_state(globalState);
        }
        foreach (var callback in state.CheckpointedCallbacks) callback.RestoreState(folder, state);
    }

    private static CheckpointState ReadState(string folder) =>
        JsonSerializer.Deserialize<CheckpointState>(File.ReadAllText(Path.Combine(folder, StateFile)), Json)
        ?? throw new InvalidDataException($"'{Path.Combine(folder, StateFile)}' is empty.");

    private static string Base64(Tensor state) => Convert.ToBase64String(state.data<byte>().ToArray());

    // GlobalGeneratorState: torch's process-wide generator, which dropout (and any other module-level randomness) draws
    // from; null in checkpoints written before it was saved.
    private sealed record CheckpointState(int Epoch, List<EpochMetrics> History, string GeneratorState, string? GlobalGeneratorState = null);
}
