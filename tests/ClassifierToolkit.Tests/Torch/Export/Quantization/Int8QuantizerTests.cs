using ClassifierToolkit.Data;
using ClassifierToolkit.Pipelines;
using ClassifierToolkit.Prediction;
using ClassifierToolkit.Preprocessing;
using ClassifierToolkit.Tests.Support;
using ClassifierToolkit.Torch.Export;
using ClassifierToolkit.Onnx.Proto;
using ClassifierToolkit.Onnx.Quantization;
using ClassifierToolkit.Torch.Models;
using ClassifierToolkit.Torch.Models.Registry;
using Google.Protobuf;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.OnnxRuntime;
using static TorchSharp.torch;

namespace ClassifierToolkit.Tests.Torch.Export.Quantization;

public class Int8QuantizerTests(TrainedModelFixture model) : IClassFixture<TrainedModelFixture>
{
    private static readonly InputShape Shape = new(1, 28, 28, [0.5f], [0.5f]);

    [Fact]
    public void QuantizeFile_TrainedCnn_AgreesWithFp32AndPlainMlNetLoadsIt()
    {
        var output = Path.Combine(TestPaths.NewTempFolder(), "model-int8.zip");
        var calibration = SampleData.Train.Take(300);
        var calibrationFiles = PngExporter.Export(calibration, Path.Combine(TestPaths.NewTempFolder(), "calibration"));

        var quantized = ModelQuantizer.QuantizeFile(model.ModelPath, [.. calibrationFiles.Select(f => ImageData.FromFile(f.ImagePath))], output);

        Assert.Equal(["conv2", "fc1", "fc2"], quantized.QuantizedNodes);
        Assert.Equal(["conv1"], quantized.FloatNodes);
        Assert.Equal(300, quantized.CalibrationImages);
        Assert.True(new FileInfo(output).Length < new FileInfo(model.ModelPath).Length / 2, "int8 weights should shrink the file.");
        using var fp32 = ImageClassifier.Load(model.ModelPath);
        using var int8 = ImageClassifier.Load(output);
        var images = model.TestFiles.Select(f => ImageData.FromFile(f.ImagePath)).ToList();
        var fp32Labels = fp32.PredictBatch(images).Select(p => p.PredictedLabel).ToList();
        var int8Labels = int8.PredictBatch(images).Select(p => p.PredictedLabel).ToList();
        var truth = model.TestFiles.Select(f => f.Label).ToList();
        // A large batch runs in cache-sized runs (32 such images) spread over the threads on a second, single-threaded
        // session; one image, whole on the first. 97 images in runs of 24 and 25, on 12 threads whatever the machine's cores.
        using var inRuns = ImageClassifier.Load(new ImageClassifier.Options { ModelPath = output, Threads = 12 });
        var some = images.Take(97).ToList();
        var batched = inRuns.PredictBatch(some);
        Assert.True(inRuns.RanInRuns);
        for (int i = 0; i < some.Count; i++)
        {
            var single = int8.Predict(some[i]);
            Assert.Equal(single.PredictedLabel, batched[i].PredictedLabel);
            Assert.True(single.Scores.Zip(batched[i].Scores).All(p => Math.Abs(p.First - p.Second) < 1e-6), $"image {i}: batched scores differ from single ones.");
        }
        // The committed sample's 200 test images: at most 3 labels may change, and accuracy may drop by at most 1.5 points.
        Assert.True(fp32Labels.Zip(int8Labels).Count(p => p.First != p.Second) <= 3, "int8 and fp32 disagree on more than 3 of 200 images.");
        double Accuracy(List<string> labels) => labels.Zip(truth).Count(p => p.First == p.Second) / (double)truth.Count;
        Assert.True(Accuracy(int8Labels) >= Accuracy(fp32Labels) - 0.015, $"int8 accuracy {Accuracy(int8Labels)} vs fp32 {Accuracy(fp32Labels)}.");
        // A plain ML.NET app: Model.Load, then the saved chain from image paths.
        var mlContext = new MLContext();
        var loaded = mlContext.Model.Load(output, out _);
        var view = mlContext.Data.LoadFromEnumerable(model.TestFiles.Select(f => new ImageInput { ImagePath = f.ImagePath }));
        Assert.Equal(int8Labels, loaded.Transform(view).GetColumn<string>(ColumnNames.PredictedLabel).ToList());
    }

    [Theory]
    [InlineData(Int8WeightRange.Full, 127)]
    [InlineData(Int8WeightRange.Reduced, 63)]
    public void QuantizeFile_WeightRange_BoundsEveryInt8WeightAndStillAgreesWithFp32(Int8WeightRange range, int limit)
    {
        var output = Path.Combine(TestPaths.NewTempFolder(), "model-int8.zip");
        var calibration = PngExporter.Export(SampleData.Train.Take(100), Path.Combine(TestPaths.NewTempFolder(), "calibration"));

        var quantized = ModelQuantizer.QuantizeFile(model.ModelPath, [.. calibration.Select(f => ImageData.FromFile(f.ImagePath))], output, range);

        Assert.Equal(range, quantized.WeightRange);
        Assert.Contains("as asked", quantized.WeightRangeReason);
        var network = ModelProto.Parser.ParseFrom(ModelArchive.ReadOnnx(File.ReadAllBytes(output), output));
        var weights = network.Graph.Initializer.Where(i => i.Name.EndsWith(".int8", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(weights);
        // Symmetric per channel: each channel's largest weight lands on the limit, none beyond it.
        var values = weights.SelectMany(w => w.RawData.ToByteArray().Select(b => (int)(sbyte)b)).ToList();
        Assert.Equal(limit, values.Max(Math.Abs));
        Assert.Contains(range == Int8WeightRange.Reduced ? "7 bits" : "8 bits",
            network.MetadataProps.Single(p => p.Key == Int8Quantizer.MetadataKey).Value);
        using var fp32 = ImageClassifier.Load(model.ModelPath);
        using var int8 = ImageClassifier.Load(output);
        var images = model.TestFiles.Select(f => ImageData.FromFile(f.ImagePath)).ToList();
        int disagreements = fp32.PredictBatch(images).Zip(int8.PredictBatch(images)).Count(p => p.First.PredictedLabel != p.Second.PredictedLabel);
        Assert.True(disagreements <= 4, $"{range} int8 and fp32 disagree on {disagreements} of {images.Count} images.");
    }

    [Fact]
    public void WeightRangeChoice_FollowsVnniAndWarnsWhenAskedForTheOther()
    {
        var vnni = ClassifierToolkit.Hardware.CpuFeatures.Parse(["model name : Genoa", "flags : avx2 avx512f avx512_vnni"]);
        var avx2 = ClassifierToolkit.Hardware.CpuFeatures.Parse(["model name : Rome", "flags : avx2"]);

        var (auto, reason, warning) = Int8WeightRangeChoice.For(null, avx2);
        Assert.Equal(Int8WeightRange.Reduced, auto);
        Assert.Contains("no VNNI", reason);
        Assert.Null(warning);
        Assert.Equal(Int8WeightRange.Full, Int8WeightRangeChoice.For(null, vnni).Range);
        Assert.Null(Int8WeightRangeChoice.For(Int8WeightRange.Full, vnni).Warning);
        Assert.Contains("saturate", Int8WeightRangeChoice.For(Int8WeightRange.Full, avx2).Warning);
        Assert.Contains("Rome (AVX2)", Int8WeightRangeChoice.For(Int8WeightRange.Full, avx2).Warning);
        Assert.NotNull(Int8WeightRangeChoice.For(Int8WeightRange.Reduced, vnni).Warning);
    }

    [Fact]
    public void Prepare_ResNet_FoldsBatchNormAndKeepsTheGreyStemFloatWithoutChangingTheLogits()
    {
        using var resnet = SeededModelFactory.Create("resnet8", ModelOptions.From(new ModelSpec { Name = "resnet8" }, 10, Shape), 3);
        using (no_grad())
            foreach (var (name, buffer) in resnet.named_buffers())
            {
                // Statistics far from the initial 0 and 1, so a wrong fold shows.
                if (name.EndsWith("running_mean")) buffer.copy_(randn(buffer.shape).mul(0.5));
                if (name.EndsWith("running_var")) buffer.copy_(rand(buffer.shape).add(0.5));
            }
        resnet.eval();
        var onnx = OnnxExporter.Export(resnet, Shape);
        var original = ModelProto.Parser.ParseFrom(onnx);

        var prepared = QuantizationGraph.Prepare(original);

        Assert.Contains(original.Graph.Node, n => n.OpType == "BatchNormalization");
        Assert.DoesNotContain(prepared.Model.Graph.Node, n => n.OpType == "BatchNormalization");
        // The stem reads one grey channel: it stays float, its Relu moved behind a channels-last hand-over whose output is quantized.
        var stem = Assert.Single(prepared.FloatStems);
        Assert.Equal("conv1", stem.Conv.Name);
        Assert.DoesNotContain(prepared.Nodes, n => n.Node.Name == "conv1");
        Assert.Equal("Relu", prepared.Model.Graph.Node.Single(n => n.Output.Contains(stem.Output)).OpType);
        Assert.Contains(stem.Output, prepared.QuantizedTensors.Keys);
        Assert.DoesNotContain(prepared.Model.Graph.Node, n => n.OpType == "Pad");
        AssertSameLogits(onnx, prepared.Model, Enumerable.Range(0, 4 * 784).Select(i => (float)Math.Sin(i * 0.37) * 0.5f + 0.5f).ToArray());
    }

    [Fact]
    public void Prepare_Cnn_KeepsTheStemAndItsPoolFloatWithoutChangingTheLogits()
    {
        var onnx = ExportedCnn(6);

        var prepared = QuantizationGraph.Prepare(ModelProto.Parser.ParseFrom(onnx));

        // conv1 → MaxPool → Transpose → Reshape → Relu (the quantized output) → Transpose back → conv2: the Relu, moved
        // behind the pool, must give the same logits (max and Relu commute), and so must the two transposes.
        var graph = prepared.Model.Graph;
        var stem = Assert.Single(prepared.FloatStems);
        var chain = ConsumerChain(graph, stem.Conv, 6);
        Assert.Equal(["MaxPool", "Transpose", "Reshape", "Relu", "Transpose", "Conv"], chain.Select(n => n.OpType));
        Assert.Equal(stem.Output, chain[3].Output[0]);
        AssertSameLogits(onnx, prepared.Model, Enumerable.Range(0, 4 * 784).Select(i => (float)Math.Sin(i * 0.23) * 0.5f + 0.5f).ToArray());
    }

    [Fact]
    public void Prepare_StemPoolReturningIndices_StaysBehindTheRelu()
    {
        var network = ModelProto.Parser.ParseFrom(ExportedCnn(6));
        // Indices of a max over Relu outputs depend on the Relu coming first, so this pool must not be moved before it.
        network.Graph.Node.First(n => n.OpType == "MaxPool").Output.Add("pool1.indices");

        var prepared = QuantizationGraph.Prepare(network);

        var stem = Assert.Single(prepared.FloatStems);
        Assert.Equal(["Transpose", "Reshape", "Relu", "Transpose", "MaxPool"], ConsumerChain(prepared.Model.Graph, stem.Conv, 5).Select(n => n.OpType));
        AssertSameLogits(network.ToByteArray(), prepared.Model, Enumerable.Range(0, 4 * 784).Select(i => (float)Math.Cos(i * 0.29) * 0.5f + 0.5f).ToArray());
    }

    [SkippableFact]
    public void Quantize_Cnn_OnnxRuntimeRunsItWithoutLayoutTransposes()
    {
        // ONNX Runtime's blocked float layout (NCHWc), which the hand-over relies on, exists on x86 with AVX2 or better.
        Skip.IfNot(System.Runtime.Intrinsics.X86.Avx2.IsSupported, "ONNX Runtime's NCHWc layout needs an x86 CPU with AVX2.");
        var pixels = TrainedModelPixels();
        var quantized = Int8Quantizer.Quantize(model.Trained.OnnxModel, [(pixels, 64)], [2, 28, 28]);
        var optimized = Path.Combine(TestPaths.NewTempFolder(), "optimized.onnx");

        using (var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL, OptimizedModelFilePath = optimized })
        using (new InferenceSession(quantized.OnnxModel, options)) { }

        // What the layout hand-over is for (FloatStem): the float pool writes channels-last straight into the quantization,
        // and no Transpose is left anywhere (each cost 1-2.5 µs an image). An ONNX Runtime update that undoes this shows here.
        var nodes = ModelProto.Parser.ParseFrom(File.ReadAllBytes(optimized)).Graph.Node;
        Assert.DoesNotContain(nodes, n => n.OpType == "Transpose");
        var reorder = Assert.Single(nodes, n => n.OpType == "ReorderOutput");
        Assert.Equal(1, reorder.Attribute.Single(a => a.Name == "channels_last").I);
        Assert.Equal(3, nodes.Count(n => n.OpType is "QLinearConv" or "QGemm"));
    }

    [Fact]
    public void Prepare_Cnn_FlattensChannelsLastWithPermutedHeadWeightsWithoutChangingTheLogits()
    {
        var onnx = ExportedCnn(4);

        var model = QuantizationGraph.Prepare(ModelProto.Parser.ParseFrom(onnx)).Model;
        var prepared = model.Graph;

        // The head reads [N, H, W, C]: a Transpose right before the Flatten, and fc1's weight replaced by its permuted copy.
        var flatten = prepared.Node.Single(n => n.OpType == "Flatten");
        var transpose = prepared.Node.Single(n => n.Output.Contains(flatten.Input[0]));
        Assert.Equal("Transpose", transpose.OpType);
        Assert.Equal([0L, 2, 3, 1], transpose.Attribute.Single(a => a.Name == "perm").Ints);
        Assert.Equal("fc1.weight_channels_last", prepared.Node.Single(n => n.Name == "fc1").Input[1]);
        // A wrong permutation would mix positions and channels: the logits would change.
        AssertSameLogits(onnx, model, Enumerable.Range(0, 4 * 784).Select(i => (float)Math.Cos(i * 0.11) * 0.5f + 0.5f).ToArray());
    }

    [Fact]
    public void Quantize_VisionTransformer_FoldsTheTransposedWeightsAndStillComputesItsLogits()
    {
        using var vit = SeededModelFactory.Create("vit", ModelOptions.From(new ModelSpec { Name = "vit" }, 10, Shape), 5);
        vit.eval();
        var onnx = OnnxExporter.Export(vit, Shape);
        var pixels = CalibrationPixels();

        var quantized = Int8Quantizer.Quantize(onnx, [(pixels, 64)], [1, 28, 28]);

        // Linear layers inside the encoder (MatMul on a constant) are quantized, not only the patch embedding and head.
        // The grey patch embedding has no Relu after it: not a float stem but widened to 4 channels (a Pad before it) and quantized.
        Assert.Empty(quantized.FloatNodes);
        var patchEmbedding = ModelProto.Parser.ParseFrom(onnx).Graph.Node.First(n => n.OpType == "Conv").Name;
        Assert.Contains(patchEmbedding, quantized.QuantizedNodes);
        Assert.Contains(ModelProto.Parser.ParseFrom(quantized.OnnxModel).Graph.Node, n => n.OpType == "Pad" && n.Name == patchEmbedding + ".widen");
        // Widening and folding the transposed weights leave the float network's logits as they were.
        AssertSameLogits(onnx, QuantizationGraph.Prepare(ModelProto.Parser.ParseFrom(onnx)).Model, pixels.Take(4 * 784).ToArray());
        Assert.Contains(quantized.QuantizedNodes, name => ModelProto.Parser.ParseFrom(onnx).Graph.Node.Any(n => n.Name == name && n.OpType == "MatMul"));
        var input = pixels.Take(8 * 784).ToArray();
        var expected = Logits(onnx, input);
        var actual = Logits(quantized.OnnxModel, input);
        TensorAssert.SameDirection(expected, actual, 0.95, "int8 ViT logits and fp32's");
    }

    [Fact]
    public void Quantize_UnknownOperator_IsRefusedNamingTheNode()
    {
        var network = ModelProto.Parser.ParseFrom(model.Trained.OnnxModel);
        var cos = new NodeProto { OpType = "Cos", Name = "my_cosine" };
        cos.Input.Add(network.Graph.Node[^1].Output[0]);
        cos.Output.Add("cosine");
        network.Graph.Node.Add(cos);

        var error = Assert.Throws<UnsupportedGraphException>(() => Int8Quantizer.Quantize(network.ToByteArray(), [], [1, 28, 28]));

        Assert.Equal("my_cosine", error.NodeName);
        Assert.Contains("Node 'my_cosine' is a Cos", error.Message);
    }

    [Fact]
    public void Quantize_ConvWeightComputedAtRunTime_IsRefusedNamingTheNode()
    {
        var network = ModelProto.Parser.ParseFrom(model.Trained.OnnxModel);
        var conv = network.Graph.Node.First(n => n.OpType == "Conv");
        var identity = new NodeProto { OpType = "Identity", Name = "weight_copy" };
        identity.Input.Add(conv.Input[1]);
        identity.Output.Add("conv1.weight_computed");
        conv.Input[1] = "conv1.weight_computed";
        network.Graph.Node.Insert(0, identity);

        var error = Assert.Throws<UnsupportedGraphException>(() => Int8Quantizer.Quantize(network.ToByteArray(), [], [1, 28, 28]));

        Assert.Equal(conv.Name, error.NodeName);
        Assert.Contains("not a constant", error.Message);
    }

    [Fact]
    public void Quantize_AlreadyQuantized_IsRefused()
    {
        var pixels = TrainedModelPixels();
        var once = Int8Quantizer.Quantize(model.Trained.OnnxModel, [(pixels, 64)], [2, 28, 28]);

        var error = Assert.Throws<UnsupportedGraphException>(() => Int8Quantizer.Quantize(once.OnnxModel, [(pixels, 64)], [2, 28, 28]));

        Assert.Contains("already quantized", error.Message);
    }

    [Fact]
    public void ActivationParameters_CoverTheRangeAndZeroExactly()
    {
        var (scale, zeroPoint) = QdqRewriter.ActivationParameters(-1f, 3f);
        Assert.Equal(4f / 255, scale, 6);
        Assert.Equal(64, zeroPoint);
        // A Relu output: zero point 0, so quantization itself clamps negatives as the Relu does.
        Assert.Equal(0, QdqRewriter.ActivationParameters(0f, 6f).ZeroPoint);
        Assert.Equal(255, QdqRewriter.ActivationParameters(-2f, -1f).ZeroPoint);
    }

    // A freshly initialized seed CNN (in eval mode) as ONNX.
    private static byte[] ExportedCnn(int seed)
    {
        using var cnn = SeededModelFactory.Create("cnn", ModelOptions.From(new ModelSpec { Name = "cnn" }, 10, Shape), seed);
        cnn.eval();
        return OnnxExporter.Export(cnn, Shape);
    }

    // The committed sample's first 64 training images in [0, 1], back to back.
    private static float[] CalibrationPixels() => SampleData.Train.Take(64).Pixels.Select(b => b / 255f).ToArray();

    // The same images as the trained model takes them: an alpha plane (opaque), then the grey plane, back to back.
    private static float[] TrainedModelPixels() =>
        SampleData.Train.Take(64).ToDataView(new MLContext(1)).GetColumn<float[]>(ColumnNames.Pixels).SelectMany(p => p).ToArray();

    // The nodes after `node`, each the single reader of the one before's first output.
    private static List<NodeProto> ConsumerChain(GraphProto graph, NodeProto node, int length)
    {
        var chain = new List<NodeProto>();
        for (var last = node; chain.Count < length; chain.Add(last)) last = graph.Node.Single(n => n.Input.Contains(last.Output[0]));
        return chain;
    }

    // The prepared (still float) network computes the original's logits, to rounding.
    private static void AssertSameLogits(byte[] original, ModelProto prepared, float[] input)
    {
        var expected = Logits(original, input);
        var actual = Logits(prepared.ToByteArray(), input);
        for (int i = 0; i < expected.Length; i++) Assert.True(Math.Abs(expected[i] - actual[i]) < 1e-4, $"logit {i}: {actual[i]} vs {expected[i]}");
    }

    private static float[] Logits(byte[] onnx, float[] input)
    {
        using var session = new InferenceSession(onnx);
        using var value = OrtValue.CreateTensorValueFromMemory(input, [input.Length / 784, 1, 28, 28]);
        using var results = session.Run(new RunOptions(), [session.InputMetadata.Keys.Single()], [value], [session.OutputMetadata.Keys.Single()]);
        return results[0].GetTensorDataAsSpan<float>().ToArray();
    }
}
