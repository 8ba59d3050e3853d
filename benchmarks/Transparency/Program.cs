using ClassifierToolkit;
using ClassifierToolkit.Data;
using ClassifierToolkit.Preprocessing;
using ClassifierToolkit.Torch.Training;
using Microsoft.ML;
using Microsoft.ML.Data;

// Clip art classes (openclipart-png), small files only; the same split, model and recipe, composited onto white
// (the alpha plane) or, as before, read without alpha (transparent pixels black).
string[] classes = ["animals", "food", "transportation", "people"];
// Arguments: images per class (100), epochs (15), seeds (3).
int perClass = int.Parse(args.ElementAtOrDefault(0) ?? "100"), side = 32, epochs = int.Parse(args.ElementAtOrDefault(1) ?? "15"),
    seeds = int.Parse(args.ElementAtOrDefault(2) ?? "3");
var rng = new Random(1);
var files = classes.SelectMany(c => Directory.EnumerateFiles(Path.Combine("/usr/share/openclipart/png", c), "*.png", SearchOption.AllDirectories)
        .Where(f => new FileInfo(f).Length < 60_000).Order(StringComparer.Ordinal).OrderBy(_ => rng.Next()).Take(perClass)
        .Select(f => new ImageFile { ImagePath = f, Label = c }))
    .OrderBy(_ => rng.Next()).ToList();
int transparent = files.Count(f => { using var img = MLImage.CreateFromFile(f.ImagePath); var p = img.Pixels; for (int i = 3; i < p.Length; i += 4) if (p[i] < 255) return true; return false; });
var test = files.Where((_, i) => i % 4 == 0).ToList();
var train = files.Where((_, i) => i % 4 != 0).ToList();
Console.WriteLine($"{files.Count} images ({transparent} with transparent pixels), {train.Count} train / {test.Count} test, {side}x{side} RGB, cnn-plus, {epochs} epochs");
var accuracies = new Dictionary<bool, List<double>> { [false] = [], [true] = [] };
foreach (var seed in Enumerable.Range(1, seeds))
foreach (var alpha in new[] { false, true })
{
    var ml = new MLContext(seed);
    var shape = new InputShape(3, side, side) { Alpha = alpha };
    var pre = ImagePreprocessing.Fit(ml, shape);
    var trainView = ml.Data.Cache(pre.Transform(ml.Data.LoadFromEnumerable(train)));
    var testView = ml.Data.Cache(pre.Transform(ml.Data.LoadFromEnumerable(test)));
    var trainer = new ImageClassifierTrainer(ml, new ImageClassifierTrainer.Options
    {
        Model = new() { Name = "cnn-plus" }, Training = new() { Epochs = epochs, Seed = seed, BatchSize = 32 },
        Mean = [0.5f], Std = [0.25f], ClassNames = classes.Order(StringComparer.Ordinal).ToList(),
    });
    var trained = trainer.FitWithDetails(trainView);
    var scored = trained.Transformer.Transform(testView);
    var predicted = scored.GetColumn<string>("PredictedLabel").ToList();
    var labels = scored.GetColumn<string>("Label").ToList();
    double accuracy = predicted.Zip(labels).Count(p => p.First == p.Second) / (double)labels.Count;
    accuracies[alpha].Add(accuracy);
    Console.WriteLine($"seed {seed} {(alpha ? "white (alpha plane)" : "black (no alpha)  ")}: test accuracy {accuracy:P1}  ({trained.TrainingSeconds:F0} s)");
}
foreach (var alpha in new[] { false, true })
    Console.WriteLine($"{(alpha ? "white" : "black")}: mean test accuracy {accuracies[alpha].Average():P1} over {seeds} seeds");
