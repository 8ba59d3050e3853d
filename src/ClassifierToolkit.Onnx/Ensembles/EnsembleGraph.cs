using System.Globalization;
using System.Text.Json;
using ClassifierToolkit.Onnx.Proto;
using ClassifierToolkit.Onnx.Quantization;
using Google.Protobuf;
using static ClassifierToolkit.Onnx.Quantization.OnnxNodes;

namespace ClassifierToolkit.Onnx.Ensembles;

/// <summary>
/// Several classifier networks as one ONNX network with the members' single input and output:
/// <c>Logits = log(Σ_k w_k · mean over views of softmax(member_k(view)))</c>, the views being the pixels and, with
/// test-time augmentation, the pixels flipped left to right. The serving chain applies softmax to <c>Logits</c>, and
/// softmax(log p) = p, so a saved ensemble's <c>Score</c> is exactly the weighted mean of the members' probabilities.
/// </summary>
internal static class EnsembleGraph
{
    /// <summary>Metadata key of the one-line description of the ensemble.</summary>
    public const string MetadataKey = "ctk.ensemble";
    /// <summary>Metadata key of the members' names (a JSON array), in weight order.</summary>
    public const string MembersKey = "ctk.ensemble.members";
    /// <summary>Metadata key of the normalized weights (a JSON array).</summary>
    public const string WeightsKey = "ctk.ensemble.weights";
    /// <summary>Metadata key of the test-time augmentation: <c>none</c> or <c>hflip</c>.</summary>
    public const string TtaKey = "ctk.ensemble.tta";

    // Floor of the mean probability before Log: a class every member rules out (probability 0 in float) gives a very
    // negative logit, not -inf, which softmax would turn into NaN if every class underflowed. Far below any float score.
    private const float MinProbability = 1e-30f;
    private const int WidthAxis = 3;

    /// <summary>The ensemble of <paramref name="members"/> (weights already normalized), flipping the input as a second view
    /// when <paramref name="horizontalFlip"/>. Metadata is the first member's plus the ensemble's own keys.</summary>
    /// <exception cref="InvalidDataException">A member that is not ONNX, or whose input differs from the first's; names it.</exception>
    /// <exception cref="UnsupportedGraphException">A member holding a subgraph; names it.</exception>
    public static byte[] Combine(IReadOnlyList<EnsembleMember> members, bool horizontalFlip)
    {
        ArgumentOutOfRangeException.ThrowIfZero(members.Count, nameof(members));
        var names = members.Select(m => m.Name).ToList();
        var models = members.Select(m => Parse(m.Network, m.Name)).ToList();
        var graphs = models.Select((model, k) => new MemberGraph(model, k, names[k])).ToList();
        CheckSameInput(graphs, names);
        var input = graphs[0].Input;
        var output = graphs[0].Output;
        var graph = new GraphProto { Name = "ensemble" };
        graph.Input.Add(input.Clone());
        graph.Output.Add(output.Clone());
        List<(string Pixels, bool Flipped)> views = [(input.Name, false)];
        if (horizontalFlip) views.Add((AddFlip(graph, input, names[0]), true));
        var terms = new List<string>();
        for (int k = 0; k < graphs.Count; k++)
        {
            graphs[k].AddInitializers(graph);
            // Each view's probabilities count w_k / views: the mean over views, weighted, in one Mul.
            var weight = $"ensemble/m{k}/weight";
            graph.Initializer.Add(OnnxTensors.Float(weight, [(float)(members[k].Weight / views.Count)]));
            foreach (var (pixels, flipped) in views)
            {
                var view = $"ensemble/m{k}{(flipped ? "f" : "")}";
                var logits = graphs[k].AddView(graph, pixels, flipped);
                graph.Node.Add(Node("Softmax", $"{view}/softmax", [logits], $"{view}/probabilities", axis: 1));
                graph.Node.Add(Node("Mul", $"{view}/weighted", [$"{view}/probabilities", weight], $"{view}/weighted"));
                terms.Add($"{view}/weighted");
            }
        }
        graph.Initializer.Add(OnnxTensors.Float("ensemble/min_probability", [MinProbability]));
        graph.Node.Add(Node("Sum", "ensemble/sum", [.. terms], "ensemble/probabilities"));
        graph.Node.Add(Node("Max", "ensemble/floor", ["ensemble/probabilities", "ensemble/min_probability"], "ensemble/floored"));
        graph.Node.Add(Node("Log", "ensemble/log", ["ensemble/floored"], output.Name));
        return ToModel(graph, models, members, horizontalFlip).ToByteArray();
    }

    // The flipped view: Gather along the width with the columns in reverse order, which every opset has (Slice with a
    // negative step needs opset 10).
    private static string AddFlip(GraphProto graph, ValueInfoProto input, string name)
    {
        var dims = input.Type?.TensorType?.Shape?.Dim;
        if (dims is not { Count: 4 } || dims[WidthAxis].DimValue <= 0)
            throw new InvalidDataException($"'{name}': its network's input is not [N, planes, height, width] with a fixed width, so it cannot be flipped.");
        long width = dims[WidthAxis].DimValue;
        graph.Initializer.Add(OnnxTensors.Int64("ensemble/reversed_columns", [.. Enumerable.Range(0, (int)width).Select(c => width - 1 - c)], width));
        graph.Node.Add(Node("Gather", "ensemble/flip", [input.Name, "ensemble/reversed_columns"], "ensemble/flipped_pixels", axis: WidthAxis));
        return "ensemble/flipped_pixels";
    }

    private static void CheckSameInput(IReadOnlyList<MemberGraph> graphs, IReadOnlyList<string> names)
    {
        for (int k = 1; k < graphs.Count; k++)
            if (!graphs[k].Input.Type.Equals(graphs[0].Input.Type) || !graphs[k].Output.Type.Equals(graphs[0].Output.Type))
                throw new InvalidDataException($"'{names[k]}': its network takes {graphs[k].Input.Type} and gives {graphs[k].Output.Type}, " +
                    $"but '{names[0]}' takes {graphs[0].Input.Type} and gives {graphs[0].Output.Type}; members need the same input and classes.");
    }

    private static ModelProto ToModel(GraphProto graph, IReadOnlyList<ModelProto> models, IReadOnlyList<EnsembleMember> members, bool horizontalFlip)
    {
        var model = new ModelProto
        {
            IrVersion = EnsembleOpsets.IrVersion(models),
            ProducerName = "ClassifierToolkit",
            ProducerVersion = typeof(EnsembleGraph).Assembly.GetName().Version?.ToString() ?? "0",
            Graph = graph,
        };
        model.OpsetImport.AddRange(EnsembleOpsets.Merge(models, [.. members.Select(m => m.Name)]));
        // The first member's facts (model, classes, compute) describe the ensemble's input and output; an ensemble of
        // ensembles describes itself anew.
        model.MetadataProps.AddRange(models[0].MetadataProps.Where(p => !p.Key.StartsWith(MetadataKey, StringComparison.Ordinal)));
        var files = members.Select(m => Path.GetFileName(m.Name)).ToList();
        var weights = members.Select(m => Math.Round(m.Weight, 6)).ToList();
        var tta = horizontalFlip ? "hflip" : "none";
        var description = $"{members.Count} members (" +
            string.Join(", ", files.Zip(weights, (f, w) => $"{f} × {w.ToString(CultureInfo.InvariantCulture)}")) +
            $"), weighted mean of probabilities{(horizontalFlip ? ", each averaged over the image and its horizontal flip" : "")}";
        foreach (var (key, value) in new[]
                 {
                     (MetadataKey, description), (MembersKey, JsonSerializer.Serialize(files)), (WeightsKey, JsonSerializer.Serialize(weights)), (TtaKey, tta),
                 })
            model.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
        return model;
    }

    private static ModelProto Parse(byte[] network, string name)
    {
        try
        {
            return ModelProto.Parser.ParseFrom(network);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new InvalidDataException($"'{name}': its network cannot be parsed as ONNX ({e.Message}).", e);
        }
    }
}
