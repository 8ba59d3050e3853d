using System.Runtime.ExceptionServices;
using Microsoft.ML.OnnxRuntime;

namespace ClassifierToolkit.Prediction.Batched;

/// <summary>
/// The network of a saved model run by ONNX Runtime on whole batches (<c>[N, C, H, W]</c> in, logits out, softmax here),
/// where ML.NET's <c>ApplyOnnxModel</c> makes one call per row. <c>InferenceSession.Run</c> is thread-safe.
/// </summary>
/// <remarks>
/// One session spreads each operator over all threads. For an int8 network (<see cref="NetworkMetadata.Quantization"/>)
/// a large batch is instead cut into one part per thread, the parts run at the same time on a second, single-threaded
/// session: ONNX Runtime runs some of an int8 network's small operators on one thread whatever its thread count (the
/// layout reorder, quantization and uint8 pooling after a float stem), leaving a core idle. Measured on 2 cores: the
/// seed CNN int8 0.0130–0.0138 → 0.0111–0.0114 ms/image, ResNet-20 int8 within 2 %; fp32 networks were 4–20 % slower
/// cut into parts, so they keep the one session. Parts default to one per logical processor (<c>threads</c> 0). The
/// second session is made on the first large batch, so serving single images never pays for it.
/// </remarks>
internal sealed class OnnxBatchScorer : IDisposable
{
    // Fewer images per part than this and the parts' fixed costs outweigh the idle core.
    private const int MinImagesPerPart = 8;

    private readonly byte[] _onnxModel;
    private readonly SessionOptions _options;
    private readonly InferenceSession _session;
    private readonly Lazy<(InferenceSession Session, SessionOptions Options)?>? _partSession;
    private readonly int _parts;
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
        _onnxModel = onnxModel;
        _options = Options(threads);
        try
        {
            _session = new InferenceSession(onnxModel, _options);
        }
        catch
        {
            _options.Dispose();
            throw;
        }
        _parts = threads == 0 ? Environment.ProcessorCount : threads;
        bool int8 = _session.ModelMetadata.CustomMetadataMap.ContainsKey(NetworkMetadata.Quantization);
        if (int8 && _parts > 1) _partSession = new(TryNewPartSession);
        _inputNames = [_session.InputMetadata.Keys.Single()];
        _outputNames = [_session.OutputMetadata.Keys.Single()];
        _imageShape = [channels, height, width];
        ClassCount = classCount;
    }

    /// <summary>Classes per prediction.</summary>
    public int ClassCount { get; }

    /// <summary>Scores <paramref name="count"/> images whose pixels lie back to back in <paramref name="pixels"/>, writing
    /// <paramref name="count"/> × <see cref="ClassCount"/> probabilities (softmax of the logits) to <paramref name="probabilities"/>.</summary>
    public void Score(Memory<float> pixels, int count, Memory<float> probabilities)
    {
        int parts = _partSession is null ? 1 : Math.Min(_parts, count / MinImagesPerPart);
        if (parts <= 1 || _partSession!.Value is not { } partSession)
        {
            Run(_session, pixels, count, probabilities.Span);
            return;
        }
        int imageSize = pixels.Length / count;
        try
        {
            Parallel.For(0, parts, new ParallelOptions { MaxDegreeOfParallelism = parts }, part =>
            {
                // Part sizes differ by at most one image.
                int first = (int)((long)part * count / parts), n = (int)((long)(part + 1) * count / parts) - first;
                Run(partSession.Session, pixels.Slice(first * imageSize, n * imageSize), n, probabilities.Slice(first * ClassCount, n * ClassCount).Span);
            });
        }
        catch (AggregateException e)
        {
            // The same exception the one-session path would throw.
            ExceptionDispatchInfo.Throw(e.InnerExceptions[0]);
        }
    }

    /// <summary>Whether large batches run in parts (an int8 network on more than one thread, once a large batch came).</summary>
    internal bool RunsInParts => _partSession is { IsValueCreated: true, Value: not null };

    public void Dispose()
    {
        _session.Dispose();
        _options.Dispose();
        if (_partSession is { IsValueCreated: true, Value: var (session, options) })
        {
            session.Dispose();
            options.Dispose();
        }
    }

    // A second session that cannot be made (memory) leaves every batch to the first.
    private (InferenceSession Session, SessionOptions Options)? TryNewPartSession()
    {
        var options = Options(1);
        try
        {
            return (new InferenceSession(_onnxModel, options), options);
        }
        catch (OnnxRuntimeException)
        {
            options.Dispose();
            return null;
        }
    }

    private static SessionOptions Options(int threads) => new()
    {
        GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
        IntraOpNumThreads = threads,
        InterOpNumThreads = 1,
    };

    private void Run(InferenceSession session, Memory<float> pixels, int count, Span<float> probabilities)
    {
        using var input = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, pixels, [count, .. _imageShape]);
        using var runOptions = new RunOptions();
        using var outputs = session.Run(runOptions, _inputNames, [input], _outputNames);
        var logits = outputs[0].GetTensorDataAsSpan<float>();
        if (logits.Length != count * ClassCount)
            throw new InvalidOperationException($"The network gave {logits.Length} logits for {count} images; expected {count * ClassCount}.");
        for (int i = 0; i < count; i++) Softmax(logits.Slice(i * ClassCount, ClassCount), probabilities.Slice(i * ClassCount, ClassCount));
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
