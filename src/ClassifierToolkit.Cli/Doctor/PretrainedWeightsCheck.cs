using ClassifierToolkit.Torch.Transfer.ImageNet;

namespace ClassifierToolkit.Cli.Doctor;

/// <summary>Whether the built-in ImageNet weights are where ctk looks for them, and unaltered.</summary>
internal sealed class PretrainedWeightsCheck : IDoctorCheck
{
    public DoctorSection Run()
    {
        var name = $"ImageNet weights ({ImageNetWeights.Package} {ImageNetWeights.PackageVersion}, for {ImageNetWeights.ModelName})";
        DoctorFinding finding;
        try
        {
            var path = ImageNetWeights.NetworkPath;
            finding = DoctorFinding.Ok(name, $"{path}: present, SHA-256 as the package ships it");
        }
        catch (FileNotFoundException e)
        {
            // Not a failure: training from scratch and weights files of one's own still work; ctk new falls back to scratch.
            finding = DoctorFinding.Warning(name, e.Message);
        }
        catch (InvalidDataException e)
        {
            finding = DoctorFinding.Warning(name, e.Message);
        }
        return new DoctorSection("Pretrained weights", [finding, new DoctorFinding("looked for in", string.Join(", ", ImageNetWeights.SearchFolders()))]);
    }
}
