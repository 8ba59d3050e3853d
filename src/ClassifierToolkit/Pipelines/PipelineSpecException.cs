namespace ClassifierToolkit.Pipelines;

/// <summary>A pipeline file is malformed: carries the file and the JSON path of the offending value.</summary>
public sealed class PipelineSpecException : Exception
{
    /// <summary>Creates the exception; the message reads <c>file: path: problem</c>.</summary>
    public PipelineSpecException(string file, string jsonPath, string problem, Exception? inner = null)
        : base($"{file}: {jsonPath}: {problem}", inner)
    {
        File = file;
        JsonPath = jsonPath;
        Problem = problem;
    }

    /// <summary>The pipeline file.</summary>
    public string File { get; }
    /// <summary>What is wrong, without the file and path.</summary>
    public string Problem { get; }
    /// <summary>Where in the file, e.g. <c>$.training.optimizer</c>.</summary>
    public string JsonPath { get; }
}
