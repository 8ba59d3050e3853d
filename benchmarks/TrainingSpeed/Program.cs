// Training speed in one process, alternating rounds: `loop` times the toolkit's TrainingLoop against a bare TorchSharp
// loop on the same model and data (the loop's overhead); `model` times one registered model's training per image at
// fp32 and bf16, in each memory format asked for. Prints a table and RESULT lines. See benchmarks/README.md.
using System.CommandLine;
using System.Globalization;
using Benchmarks.Shared;
using TrainingSpeed;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

var model = new Option<string>("--model") { Description = "Registered model (ctk models)", DefaultValueFactory = _ => "cnn" };
var images = new Option<int>("--images") { Description = "Fashion-MNIST training images per round", DefaultValueFactory = _ => 12_000 };
var batch = new Option<int>("--batch") { Description = "Images per optimizer step", DefaultValueFactory = _ => 64 };
var rounds = new Option<int>("--rounds") { Description = "Timed rounds per contender, after one untimed warm-up round each", DefaultValueFactory = _ => 5 };
var threads = new Option<int?>("--threads") { Description = "torch threads (default: TorchSharp's, i.e. all cores)" };
var augment = new Option<bool>("--augment") { Description = "model: random crop (padding 4) and horizontal flip, as the seed's ResNet recipe" };
var precisions = new Option<string[]>("--precision") { Description = "model: precisions to compare", DefaultValueFactory = _ => ["fp32", "bf16"], AllowMultipleArgumentsPerToken = true };
precisions.AcceptOnlyFromAmong([.. ClassifierToolkit.Pipelines.SpecEnum<ClassifierToolkit.Pipelines.PrecisionKind>.Names]);
var memoryFormats = new Option<string[]>("--memory-format") { Description = "model: memory formats to compare (each with each precision)", DefaultValueFactory = _ => ["auto"], AllowMultipleArgumentsPerToken = true };
memoryFormats.AcceptOnlyFromAmong([.. ClassifierToolkit.Pipelines.SpecEnum<ClassifierToolkit.Pipelines.MemoryFormatKind>.Names]);
var size = new Option<int?>("--size") { Description = "model: stretch the images to size × size (e.g. 224 for torchvision's ResNets)" };
var channels = new Option<int>("--channels") { Description = "model: repeat the grey images over this many channels (3 for RGB models)", DefaultValueFactory = _ => 1 };
var optimizer = new Option<string>("--optimizer") { Description = "model: adam (the seed recipe: lr 0.001) or sgd (the ResNet recipe: lr 0.1, Nesterov momentum 0.9, weight decay 5e-4)", DefaultValueFactory = _ => "adam" };
optimizer.AcceptOnlyFromAmong("adam", "sgd");

var loop = new Command("loop", "The toolkit's TrainingLoop against a bare TorchSharp loop: same model, data, optimizer and batches") { model, images, batch, rounds, threads };
loop.SetAction(parse =>
{
    var setup = SpeedSetup.Create(parse.GetValue(model)!, parse.GetValue(images), parse.GetValue(batch), parse.GetValue(threads));
    return LoopOverhead.Run(setup, parse.GetValue(rounds));
});
var perModel = new Command("model", "One model's training time per image at each precision and memory format, rounds alternating") { model, images, batch, rounds, threads, augment, precisions, memoryFormats, optimizer, size, channels };
perModel.SetAction(parse =>
{
    var setup = SpeedSetup.Create(parse.GetValue(model)!, parse.GetValue(images), parse.GetValue(batch), parse.GetValue(threads), parse.GetValue(size), parse.GetValue(channels));
    var recipe = parse.GetValue(optimizer) == "sgd" ? setup.ResNetRecipe : setup.Recipe;
    return ComputeComparison.Run(setup, recipe, parse.GetValue(rounds), parse.GetValue(augment), parse.GetValue(precisions)!, parse.GetValue(memoryFormats)!);
});
var root = new RootCommand("Training speed of the toolkit's loop and models, in one process with alternating rounds.") { loop, perModel };
return await CommandLineRun.InvokeAsync(root, args);
