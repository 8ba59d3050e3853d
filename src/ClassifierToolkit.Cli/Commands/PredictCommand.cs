using System.CommandLine;
using System.Globalization;
using ClassifierToolkit.Prediction;
using Spectre.Console;

namespace ClassifierToolkit.Cli.Commands;

/// <summary><c>ctk predict &lt;model.zip&gt; &lt;image&gt;...</c>: the top classes of each image.</summary>
internal static class PredictCommand
{
    public static Command Create()
    {
        var model = new Argument<FileInfo>("model") { Description = "A saved classifier .zip" };
        var images = new Argument<string[]>("images") { Description = "Image files (PNG, JPEG, BMP, GIF)", Arity = ArgumentArity.OneOrMore };
        var top = new Option<int>("--top") { Description = "How many classes to show per image", DefaultValueFactory = _ => 3 };
        var command = new Command("predict", "Predict the class of image files with a saved model.") { model, images, top };
        command.SetAction(parse =>
        {
            using var classifier = ImageClassifier.Load(parse.GetValue(model)!.FullName);
            var table = new Table().AddColumn("image").AddColumn("prediction").AddColumn("top classes");
            foreach (var image in parse.GetValue(images)!)
            {
                var best = classifier.Predict(image).Top(Math.Max(1, parse.GetValue(top)));
                table.AddRow(Markup.Escape(image), Markup.Escape(best[0].ClassName),
                    Markup.Escape(string.Join(", ", best.Select(c => $"{c.ClassName} {c.Probability.ToString("P1", CultureInfo.InvariantCulture)}"))));
            }
            AnsiConsole.Write(table);
            return CtkApp.Success;
        });
        return command;
    }
}
