using Microsoft.ML.OnnxRuntime;

namespace ClassifierToolkit.Prediction.Batched;

/// <summary>
/// The network of a saved model run by ONNX Runtime on whole batches (<c>[N, C, H, W]</c> in, logits out, softmax here),
/// where ML.NET's <c>ApplyOnnxModel</c> makes one call per row. <c>InferenceSession.Run</c> is thread-safe.
/// </summary>
internal sealed class OnnxBatchScorer : IDisposable
{
    private readonly InferenceSession _session;
    private readonly SessionOptions _options;
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;
    private readonly long[] _imageShape;

    /// <param name="onnxModel">The ONNX graph saved in the model's <c>.zip</c> (input <c>[batch, C, H, W]</c>, output <c>[batch, classes]</c>).</param>
    /// <param name="channels">C.</param>
    /// <param name="height">H.</param>
    /// <param name="width">W.</param>
    /// <param name="classCount">Classes (the logits' width).</param>
    /// <param name="threads">Threads for one batch; 0 lets ONNX Runtime use every core.</param>
    public OnnxBatchScorer(byte[] onnxModel, int channels, int height, int width, int classCount, int threads = 0)
    {
        _options = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            IntraOpNumThreads = threads,
            InterOpNumThreads = 1,
        };
        try
        {
            _session = new InferenceSession(onnxModel, _options);
        }
        catch
        {
            _options.Dispose();
            throw;
        }
        _inputNames = [_session.InputMetadata.Keys.Single()];
        _outputNames = [_session.OutputMetadata.Keys.Single()];
        _imageShape = [channels, height, width];
        ClassCount = classCount;
    }

    /// <summary>Classes per prediction.</summary>
    public int ClassCount { get; }

    /// <summary>Scores <paramref name="count"/> images whose pixels lie back to back in <paramref name="pixels"/>, writing
    /// <paramref name="count"/> × <see cref="ClassCount"/> probabilities (softmax of the logits) to <paramref name="probabilities"/>.</summary>
    public void Score(Memory<float> pixels, int count, Span<float> probabilities)
    {
        using var input = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, pixels, [count, .. _imageShape]);
        using var runOptions = new RunOptions();
        using var outputs = _session.Run(runOptions, _inputNames, [input], _outputNames);
        var logits = outputs[0].GetTensorDataAsSpan<float>();
        if (logits.Length != count * ClassCount)
            throw new InvalidOperationException($"The network gave {logits.Length} logits for {count} images; expected {count * ClassCount}.");
        for (int i = 0; i < count; i++) Softmax(logits.Slice(i * ClassCount, ClassCount), probabilities.Slice(i * ClassCount, ClassCount));
    }

    public void Dispose()
    {
        _session.Dispose();
        _options.Dispose();
    }

    // As ML.NET's multiclass scorer computes it over the same logits: shift by the maximum, exponentiate, normalize.
    private static void Softmax(ReadOnlySpan<float> logits, Span<float> probabilities)
    {
        float max = float.NegativeInfinity;
        foreach (var value in logits) max = Math.Max(max, value);
        float sum = 0;
        for (int k = 0; k < logits.Length; k++) sum += probabilities[k] = MathF.Exp(logits[k] - max);
        for (int k = 0; k < logits.Length; k++) probabilities[k] /= sum;
    }
}
