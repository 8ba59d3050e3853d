using System.CommandLine;
using ClassifierToolkit.Preprocessing;
using ClassifierToolkit.Torch.Models;
using ClassifierToolkit.Torch.Models.Registry;
using Spectre.Console;

namespace ClassifierToolkit.Cli.Commands;

/// <summary><c>ctk models</c>: the registered models with their parameter counts.</summary>
internal static class ModelsCommand
{
    public static Command Create()
    {
        var command = new Command("models", "List the registered models (parameters counted for 28×28 grey input, 10 classes).");
        command.SetAction(_ =>
        {
            var table = new Table().AddColumn("name").AddColumn(new TableColumn("parameters").RightAligned()).AddColumn("description");
            foreach (var entry in ModelRegistry.Default.Entries)
            {
                using var module = entry.Factory(new ModelOptions(10, new InputShape(1, 28, 28)));
                table.AddRow(entry.Name, module.ParameterCount().ToString("N0"), Markup.Escape(entry.Description));
            }
            AnsiConsole.Write(table);
            return CtkApp.Success;
        });
        return command;
    }
}
