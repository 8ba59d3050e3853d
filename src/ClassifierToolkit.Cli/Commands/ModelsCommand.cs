using System.CommandLine;
using System.Globalization;
using ClassifierToolkit.Preprocessing;
using ClassifierToolkit.Torch.Models;
using ClassifierToolkit.Torch.Models.Registry;
using Spectre.Console;

namespace ClassifierToolkit.Cli.Commands;

/// <summary><c>ctk models</c>: the registered models with their aliases, parameter counts and preferred input.</summary>
internal static class ModelsCommand
{
    public static Command Create()
    {
        var command = new Command("models", "List the registered models (parameters counted for 28×28 grey input, 10 classes) and the input each prefers.");
        command.SetAction(_ =>
        {
            var registry = ModelRegistry.Default;
            var table = new Table().AddColumn("name").AddColumn(new TableColumn("parameters").RightAligned()).AddColumn("input").AddColumn("description");
            foreach (var entry in registry.Entries)
            {
                using var module = entry.Factory(new ModelOptions(10, new InputShape(1, 28, 28)));
                var aliases = registry.AliasesOf(entry.Name);
                var name = aliases.Count == 0 ? entry.Name : $"{entry.Name} (alias: {string.Join(", ", aliases)})";
                table.AddRow(Markup.Escape(name), module.ParameterCount().ToString("N0"), Markup.Escape(Describe(entry.Card)),
                    Markup.Escape(entry.Card.BuiltInWeights is { } weights ? $"{entry.Description} Pretrained weights built in: {weights}." : entry.Description));
            }
            AnsiConsole.Write(table);
            return CtkApp.Success;
        });
        return command;
    }

    private static string Describe(ModelCard card)
    {
        var parts = new List<string>();
        if (card.InputSize is { } size) parts.Add($"{size}×{size}");
        if (card.Channels is { } channels) parts.Add(channels == 1 ? "grey" : "RGB");
        if (card.Mean is { } mean) parts.Add($"mean {Values(mean)}");
        if (card.Std is { } std) parts.Add($"std {Values(std)}");
        return parts.Count == 0 ? "any" : string.Join(", ", parts);
    }

    // Four decimals are enough to recognize a normalization; more would squeeze the table.
    private static string Values(IReadOnlyList<float> values) => string.Join("/", values.Select(v => v.ToString("0.####", CultureInfo.InvariantCulture)));
}
