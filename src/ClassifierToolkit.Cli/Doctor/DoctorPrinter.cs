using Spectre.Console;

namespace ClassifierToolkit.Cli.Doctor;

/// <summary>Prints a section as a titled two-column table, the values coloured by status.</summary>
internal static class DoctorPrinter
{
    public static void Print(DoctorSection section)
    {
        AnsiConsole.Write(new Rule($"[bold]{Markup.Escape(section.Title)}[/]").LeftJustified());
        var table = new Table().Border(TableBorder.None).HideHeaders().AddColumn(new TableColumn("").NoWrap()).AddColumn("");
        foreach (var finding in section.Findings)
            table.AddRow(new Markup(Markup.Escape(finding.Name)), new Markup($"[{Colour(finding.Status)}]{Markup.Escape(finding.Value)}[/]"));
        AnsiConsole.Write(table);
        AnsiConsole.WriteLine();
    }

    private static string Colour(FindingStatus status) => status switch
    {
        FindingStatus.Ok => "green",
        FindingStatus.Warning => "yellow",
        FindingStatus.Failure => "bold red",
        _ => "default",
    };
}
