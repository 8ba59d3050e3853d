using System.Globalization;
using ClassifierToolkit.Data;
using Spectre.Console;

namespace ClassifierToolkit.Cli.Data;

/// <summary>
/// The console's Fashion-MNIST locator: the library's search, download and sample fallback, plus a yellow panel the
/// moment the bundled sample stands in for the full set, saying how small it is and how to get the full set.
/// </summary>
internal sealed class SampleDataWarning : IProgress<FashionMnistSampleNotice>
{
    /// <summary>A locator that warns on the console when it falls back to the sample.</summary>
    public static FashionMnistLocator CreateLocator(string? explicitFolder = null) =>
        new(new FashionMnistLocator.Options { ExplicitFolder = explicitFolder }, sampleNotices: new SampleDataWarning());

    // Written at once (IProgress's usual Progress<T> would post it to the thread pool, after training began).
    public void Report(FashionMnistSampleNotice notice) => AnsiConsole.Write(Render(notice));

    public static Panel Render(FashionMnistSampleNotice notice)
    {
        var c = CultureInfo.InvariantCulture;
        var lines = new List<string>
        {
            string.Create(c, $"[bold]This run uses the small sample bundled with ctk: {notice.TrainImages:N0} training and {notice.TestImages:N0} test images[/]"),
            string.Create(c, $"(the full Fashion-MNIST has {FashionMnist.FullTrainImageCount:N0} and {FashionMnist.FullTestImageCount:N0}), so accuracy will be lower than on the full set."),
            "",
            Markup.Escape(notice.Reason),
            "",
            "[bold]To get the full set[/], do one of:",
        };
        lines.AddRange(notice.WaysToGetFullSet.Select(way => "  • " + Markup.Escape(way)));
        return new Panel(new Markup(string.Join('\n', lines)))
        {
            Header = new PanelHeader("[bold yellow] WARNING: Fashion-MNIST sample, not the full data set [/]"),
            Border = BoxBorder.Heavy,
            BorderStyle = new Style(Color.Yellow),
            Expand = true,
        };
    }
}
