using {{Name}}.Consumer;

// Predicts the images named on the command line with the trained {{Name}} model, one line each:
// the path, the predicted class and its probability, tab-separated.
//   dotnet run -- photo1.png photo2.jpg
if (args.Length == 0)
{
    Console.Error.WriteLine("usage: {{Name}}.Consumer <image> [<image> ...]");
    return 2;
}

int exitCode = 0;
foreach (var imagePath in args)
{
    try
    {
        ModelOutput output = {{Name}}Model.Predict(new ModelInput { ImagePath = imagePath });
        Console.WriteLine($"{imagePath}\t{output.PredictedLabel}\t{output.Score.Max():P1}");
    }
    catch (Exception e) when (e is FileNotFoundException or InvalidDataException)
    {
        // A missing or unreadable image: say which, go on with the others, and fail at the end.
        Console.Error.WriteLine($"error: {e.Message}");
        exitCode = 1;
    }
}
return exitCode;
