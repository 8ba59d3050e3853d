using ClassifierToolkit.Onnx;
using ClassifierToolkit.Preprocessing;
using ClassifierToolkit.Torch.Export;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ClassifierToolkit.Torch.Models.Vit;

/// <summary>
/// Vision Transformer for small images: patch embedding, a learned class token and position embedding, dropout,
/// pre-norm encoder blocks (attention within each image only), a final LayerNorm and a linear head on the class token.
/// Parameter names follow timm (<c>cls_token</c>, <c>pos_embed</c>, <c>patch_embed.proj</c>, <c>blocks.0.attn.qkv</c>, ..., <c>head</c>).
/// </summary>
internal sealed class VisionTransformer : ImageClassifierModule
{
    private readonly Parameter cls_token;
    private readonly Parameter pos_embed;
    private readonly PatchEmbedding patch_embed;
    private readonly Dropout pos_drop;
    private readonly ModuleList<EncoderBlock> blocks;
    private readonly LayerNorm norm;
    private readonly Linear head;

    /// <summary>Builds the ViT registered as <paramref name="modelName"/>; <paramref name="defaults"/> are overridden by the options' settings.</summary>
    /// <exception cref="ArgumentException">An unknown setting, a patch size that does not divide the input, or heads that do not divide dim.</exception>
    public VisionTransformer(string modelName, VitLayout defaults, ModelOptions options) : base(nameof(VisionTransformer))
    {
        var layout = defaults.With(options.SettingsOrEmpty, modelName);
        Validate(modelName, layout, options.Input);
        Layout = layout;

        var patches = (options.Input.Height / layout.PatchSize) * (options.Input.Width / layout.PatchSize);
        cls_token = new Parameter(zeros(1, 1, layout.Dim));
        pos_embed = new Parameter(zeros(1, patches + 1, layout.Dim));
        patch_embed = new PatchEmbedding(options.Input.Channels, layout.PatchSize, layout.Dim);
        pos_drop = nn.Dropout(layout.Dropout);
        blocks = nn.ModuleList(Enumerable.Range(0, layout.Depth)
            .Select(_ => new EncoderBlock(layout.Dim, layout.Heads, layout.MlpDim, layout.Dropout)).ToArray());
        norm = nn.LayerNorm(layout.Dim);
        head = nn.Linear(layout.Dim, options.ClassCount);
        RegisterComponents();
        InitializeWeights();
    }

    /// <summary>The hyperparameters in effect (the variant's defaults with the settings applied).</summary>
    public VitLayout Layout { get; }

    /// <inheritdoc />
    public override string HeadName => nameof(head);

    /// <inheritdoc />
    protected override Linear Head => head;

    /// <inheritdoc />
    public override Tensor ForwardFeatures(Tensor input)
    {
        var tokens = patch_embed.forward(input);
        var cls = cls_token.expand(input.shape[0], -1, -1);
        var x = pos_drop.forward(cat([cls, tokens], 1).add_(pos_embed));
        foreach (var block in blocks)
            x = block.forward(x);
        return norm.forward(x).select(1, 0);
    }

    /// <inheritdoc />
    public override string ExportFeaturesOnnx(OnnxGraphBuilder graph, string input)
    {
        var tokens = patch_embed.ExportOnnx(graph, "patch_embed", input);
        var cls = OnnxLayers.ExpandToBatch(graph, "cls_token.expanded", OnnxLayers.Initializer(graph, "cls_token", cls_token), cls_token.shape, input);
        var x = OnnxLayers.Concat(graph, "tokens", 1, cls, tokens);
        x = OnnxLayers.Add(graph, "embedded", x, OnnxLayers.Initializer(graph, "pos_embed", pos_embed));
        for (int i = 0; i < blocks.Count; i++)
            x = blocks[i].ExportOnnx(graph, $"blocks.{i}", x);
        return OnnxLayers.Select(graph, "cls_output", OnnxLayers.LayerNorm(graph, norm, "norm", x), 1, 0);
    }

    private static void Validate(string modelName, VitLayout layout, InputShape input)
    {
        if (input.Height % layout.PatchSize != 0 || input.Width % layout.PatchSize != 0)
        {
            var divisors = Enumerable.Range(2, Math.Min(input.Height, input.Width) - 1)
                .Where(p => input.Height % p == 0 && input.Width % p == 0);
            throw new ArgumentException(
                $"Model '{modelName}': patch size {layout.PatchSize} does not divide the {input.Height}×{input.Width} input into whole patches. " +
                $"Set 'patchSize' to a divisor of both sides ({string.Join(", ", divisors)}) or resize the images.", "patchSize");
        }
        if (layout.Dim % layout.Heads != 0)
            throw new ArgumentException($"Model '{modelName}': 'dim' ({layout.Dim}) must be a multiple of 'heads' ({layout.Heads}) so every head gets dim/heads values.", "heads");
    }

    // timm's ViT initialization: truncated normal (std 0.02) for the class token, position embedding and Linear weights,
    // zero biases; LayerNorm starts at weight 1, bias 0 and the patch convolution keeps TorchSharp's default.
    private void InitializeWeights()
    {
        using var _ = no_grad();
        WeightInit.TruncatedNormal(cls_token, 0.02);
        WeightInit.TruncatedNormal(pos_embed, 0.02);
        foreach (var module in modules())
        {
            if (module is not Linear linear) continue;
            WeightInit.TruncatedNormal(linear.weight!, 0.02);
            if (linear.bias is not null) nn.init.zeros_(linear.bias);
        }
    }
}
