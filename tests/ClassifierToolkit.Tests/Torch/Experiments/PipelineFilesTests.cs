using ClassifierToolkit.AutoML.Experiments;
using ClassifierToolkit.Data;
using ClassifierToolkit.Pipelines;
using ClassifierToolkit.Preprocessing;
using ClassifierToolkit.Tests.Support;
using ClassifierToolkit.Torch.Experiments;
using ClassifierToolkit.Torch.Models;
using ClassifierToolkit.Torch.Models.Registry;

namespace ClassifierToolkit.Tests.Torch.Experiments;

public class PipelineFilesTests
{
    public static TheoryData<string> ShippedPipelines()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(TestPaths.Pipelines, "*.json").Order()) data.Add(Path.GetFileName(file));
        return data;
    }

    [Theory]
    [MemberData(nameof(ShippedPipelines))]
    public void ShippedPipeline_ParsesValidatesAndBuildsItsModel(string file)
    {
        var spec = PipelineSpecLoader.Load(Path.Combine(TestPaths.Pipelines, file));
        PipelineTrainerOptions.Check(spec);
        using var model = ModelRegistry.Default.Create(spec.Model.Name, ModelOptions.From(spec.Model, FashionMnist.ClassNames.Count, spec.Input.ToShape()));
        Assert.True(model.ParameterCount() > 0);
        Assert.Equal(Path.GetFileNameWithoutExtension(file), spec.Name);
    }

    public static TheoryData<string> ShippedSearchFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(TestPaths.Pipelines, "*.json").Order())
            if (System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(file))?[PipelineSpecLoader.SearchKey] is not null) data.Add(Path.GetFileName(file));
        return data;
    }

    [Theory]
    [MemberData(nameof(ShippedSearchFiles))]
    public void ShippedSearchFile_EveryParameterValuePassesTheTrainersChecks(string file)
    {
        var search = SearchFile.Load(Path.Combine(TestPaths.Pipelines, file), check: PipelineTrainerOptions.Check);

        Assert.NotEmpty(search.Space.Parameters);
    }
}
