using System.CommandLine;
using ClassifierToolkit.Pipelines;

namespace ClassifierToolkit.Cli.Commands;

/// <summary>The command-line options that override a pipeline file's values, shared by <c>train</c> and <c>compare</c>.</summary>
internal sealed class PipelineOverrides
{
    private readonly Option<int?> _epochs = new("--epochs") { Description = "Override the pipeline's epochs" };
    private readonly Option<int?> _trainLimit = new("--train-limit") { Description = "Use only the first N training images" };
    private readonly Option<int?> _testLimit = new("--test-limit") { Description = "Use only the first N test images" };
    private readonly Option<string?> _device = new("--device") { Description = "auto | cpu | cuda" };
    private readonly Option<string?> _dataDir = new("--data-dir") { Description = "Folder holding the Fashion-MNIST IDX files" };

    public PipelineOverrides() => _device.AcceptOnlyFromAmong(TrainingSpec.Devices.ToArray());

    public IEnumerable<Option> Options => [_epochs, _trainLimit, _testLimit, _device, _dataDir];

    public PipelineSpec Apply(PipelineSpec spec, ParseResult parse) => spec with
    {
        Data = spec.Data with
        {
            TrainLimit = parse.GetValue(_trainLimit) ?? spec.Data.TrainLimit,
            TestLimit = parse.GetValue(_testLimit) ?? spec.Data.TestLimit,
            Path = spec.Data.Source == "fashion-mnist" ? parse.GetValue(_dataDir) ?? spec.Data.Path : spec.Data.Path,
        },
        Training = spec.Training with
        {
            Epochs = parse.GetValue(_epochs) ?? spec.Training.Epochs,
            Device = parse.GetValue(_device) ?? spec.Training.Device,
        },
    };
}
