using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;

namespace ClassifierToolkit.Prediction.Batched;

/// <summary>
/// The network of a saved model run by ONNX Runtime on batches (<c>[N, C, H, W]</c> in, logits out, softmax here),
/// where ML.NET's <c>ApplyOnnxModel</c> makes one call per row. <c>InferenceSession.Run</c> is thread-safe.
/// </summary>
/// <remarks>
/// A batch larger than one run (<see cref="RunInputBytes"/> of pixels, 32 Fashion-MNIST images) is cut into runs of
/// that size, spread over the threads (one run per thread at a time) on a second, single-threaded session. Small runs
/// keep a network's activations in the CPU's caches from one layer to the next; one run per thread keeps every core
/// busy through the operators ONNX Runtime runs on one thread only (an int8 network's layout reorder, quantization and
/// uint8 pooling). Measured on 2 cores (benchmarks/quantize.sh, µs per image, before → after): seed CNN fp32 21.2 → 18.9,
/// int8 11.5 → 7.9; ResNet-20 fp32 148 → 143, int8 72 → 61. A batch of one run (single images when serving) runs whole
/// on the first session, spread over all its threads; the second session is made on the first large batch.
/// </remarks>
internal sealed class OnnxBatchScorer : IDisposable
{
    // The pixels of 32 grey 28 × 28 images: runs of 16–64 such images were fastest (runs of 8 pay the call's fixed cost).
    private const int RunInputBytes = 32 * 28 * 28 * sizeof(float);

    private readonly byte[] _onnxModel;
    private readonly SessionOptions _options;
    private readonly InferenceSession _session;
    private readonly Lazy<(InferenceSession Session, SessionOptions Options)?> _runSession;
    private readonly int _threads;
    private readonly int _imagesPerRun;
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;
    private readonly long[] _imageShape;
    private readonly int _pixelsPerImage;

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
        _threads = threads == 0 ? Environment.ProcessorCount : threads;
        _runSession = new(TryNewRunSession);
        _inputNames = [_session.InputMetadata.Keys.Single()];
        _outputNames = [_session.OutputMetadata.Keys.Single()];
        _imageShape = [channels, height, width];
        _pixelsPerImage = channels * height * width;
        _imagesPerRun = Math.Max(1, RunInputBytes / (_pixelsPerImage * sizeof(float)));
        ClassCount = classCount;
        Metadata = new Dictionary<string, string>(_session.ModelMetadata.CustomMetadataMap, StringComparer.Ordinal);
    }

    /// <summary>Classes per prediction.</summary>
    public int ClassCount { get; }

    /// <summary>The network's metadata properties (ONNX <c>metadata_props</c>).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>Scores <paramref name="count"/> images whose pixels lie back to back in <paramref name="pixels"/>, writing
    /// <paramref name="count"/> × <see cref="ClassCount"/> probabilities (softmax of the logits) to <paramref name="probabilities"/>.</summary>
    public void Score(ReadOnlyMemory<float> pixels, int count, Memory<float> probabilities)
    {
        int runs = (count + _imagesPerRun - 1) / _imagesPerRun;
        // One thread runs the runs one after another on the first session, itself single-threaded.
        var runSession = runs <= 1 ? null : _threads == 1 ? _session : _runSession.Value?.Session;
        if (runSession is null)
        {
            Run(_session, pixels, count, probabilities.Span);
            return;
        }
        try
        {
            Parallel.For(0, runs, new ParallelOptions { MaxDegreeOfParallelism = _threads }, run =>
            {
                // Run sizes differ by at most one image.
                int first = (int)((long)run * count / runs), n = (int)((long)(run + 1) * count / runs) - first;
                Run(runSession, pixels.Slice(first * _pixelsPerImage, n * _pixelsPerImage), n, probabilities.Slice(first * ClassCount, n * ClassCount).Span);
            });
        }
        catch (AggregateException e)
        {
            // The same exception the one-session path would throw.
            ExceptionDispatchInfo.Throw(e.InnerExceptions[0]);
        }
    }

    /// <summary>Whether a large batch came and ran in runs on the second session.</summary>
    internal bool RanInRuns => _runSession is { IsValueCreated: true, Value: not null };

    public void Dispose()
    {
        _session.Dispose();
        _options.Dispose();
        if (_runSession is { IsValueCreated: true, Value: var (session, options) })
        {
            session.Dispose();
            options.Dispose();
        }
    }

    // A second session that cannot be made (memory) leaves every batch to the first.
    private (InferenceSession Session, SessionOptions Options)? TryNewRunSession()
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

    private void Run(InferenceSession session, ReadOnlyMemory<float> pixels, int count, Span<float> probabilities)
    {
        // ONNX Runtime only reads an input tensor, so the caller's read-only pixels serve as it without a copy.
        using var input = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, MemoryMarshal.AsMemory(pixels), [count, .. _imageShape]);
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
