using ClassifierToolkit.Onnx.Quantization;
using System.CommandLine;
using ClassifierToolkit.Cli.Commands;
using ClassifierToolkit.Pipelines;
using ClassifierToolkit.Torch.Training;
using Spectre.Console;

namespace ClassifierToolkit.Cli;

/// <summary>The <c>ctk</c> console: parses, dispatches, and turns failures into one clear line and an exit code.</summary>
internal static class CtkApp
{
    /// <summary>Success.</summary>
    public const int Success = 0;
    /// <summary>The command ran and failed (bad data, missing file, diverged training, ...).</summary>
    public const int Failure = 1;
    /// <summary>The command line itself is wrong.</summary>
    public const int UsageError = 2;

    /// <summary>Runs <c>ctk</c> with <paramref name="args"/> and returns the exit code.</summary>
    public static int Run(string[] args)
    {
        var root = new RootCommand("ClassifierToolkit: train, evaluate and serve image classifiers with ML.NET and TorchSharp.");
        root.Subcommands.Add(TrainCommand.Create());
        root.Subcommands.Add(CompareCommand.Create());
        root.Subcommands.Add(AutoMLCommand.Create());
        root.Subcommands.Add(EvaluateCommand.Create());
        root.Subcommands.Add(PredictCommand.Create());
        root.Subcommands.Add(DataCommand.Create());
        root.Subcommands.Add(ModelsCommand.Create());
        root.Subcommands.Add(WeightsCommand.Create());
        root.Subcommands.Add(QuantizeCommand.Create());
        root.Subcommands.Add(EnsembleCommand.Create());
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(UiCommand.Create());
        root.Subcommands.Add(NewCommand.Create());
        root.Subcommands.Add(DoctorCommand.Create());
        // Redirected output (logs, CI) has no terminal width; don't squeeze tables into 80 columns.
        if (Console.IsOutputRedirected) AnsiConsole.Profile.Width = 200;
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors) Console.Error.WriteLine($"error: {error.Message}");
            Console.Error.WriteLine("Run 'ctk --help' (or 'ctk <command> --help') for usage.");
            return UsageError;
        }
        try
        {
            return parsed.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (Describe(e) is { } message)
        {
            AnsiConsole.Console.Profile.Out.Writer.Flush();
            Console.Error.WriteLine($"error: {message}");
            return e is UsageException ? UsageError : Failure;
        }
    }

    // The failures a user can cause and fix; anything else is a bug and keeps its stack trace.
    private static string? Describe(Exception e) => e switch
    {
        OperationCanceledException => "cancelled; nothing was saved.",
        // .NET appends " (Parameter 'x')" to argument messages; users see the sentence alone.
        ArgumentException { ParamName: { } name } => e.Message.Replace($" (Parameter '{name}')", "", StringComparison.Ordinal),
        UsageException or PipelineSpecException or FileNotFoundException or DirectoryNotFoundException or InvalidDataException
            or TrainingDivergedException or UnsupportedGraphException or ArgumentException or InvalidOperationException or UnauthorizedAccessException or IOException => e.Message,
        _ => null,
    };
}
