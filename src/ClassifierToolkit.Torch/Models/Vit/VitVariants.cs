using ClassifierToolkit.Torch.Models.Registry;

namespace ClassifierToolkit.Torch.Models.Vit;

/// <summary>The registered Vision Transformers, declared as data.</summary>
internal static class VitVariants
{
    /// <summary>
    /// A ViT that learns Fashion-MNIST on a CPU: 4×4 patches (50 tokens on 28×28), 6 blocks of width 64. Measured on the
    /// 2 shared cores here: ≈ 90–105 ms per AdamW step on a batch of 64 (≈ 75 s per 48,000-image epoch), a third of it
    /// dropout's random masks; <c>dropout</c> 0 trains faster but overfits sooner.
    /// </summary>
    public static readonly VitLayout Vit = new(PatchSize: 4, Dim: 64, Depth: 6, Heads: 4, MlpDim: 128, Dropout: 0.1);

    /// <summary>
    /// The seed study's ViT: 7×7 patches, dim 64, 4 heads, MLP 128, 4 layers. On 28×28 grey input and 10 classes it has
    /// exactly the seed's 139,018 parameters:
    ///   patch embedding Conv2d(1, 64, 7, 7)        49·64 + 64            =   3,200
    ///   class token                                 64                    =      64
    ///   position embedding (16 patches + 1)         17·64                 =   1,088
    ///   4 blocks × 33,472                                                 = 133,888
    ///     qkv 64·192 + 192 = 12,480; proj 64·64 + 64 = 4,160;
    ///     fc1 64·128 + 128 = 8,320; fc2 128·64 + 64 = 8,256; norm1 + norm2 2·128 = 256
    ///   final LayerNorm                             2·64                  =     128
    ///   head Linear(64, 10)                         64·10 + 10            =     650
    ///                                                                 total 139,018
    /// (PyTorch's TransformerEncoderLayer packs q, k, v into one in_proj of the same size as qkv here; the seed's count
    /// includes a final LayerNorm: without it the total would be 138,890.) Our blocks are pre-norm where the seed's were
    /// post-norm; that changes no parameter.
    /// </summary>
    public static readonly VitLayout VitSeed = new(PatchSize: 7, Dim: 64, Depth: 4, Heads: 4, MlpDim: 128, Dropout: 0.1);

    public static void Register(ModelRegistry registry)
    {
        Add(registry, "vit", Vit, "Vision Transformer for small images: 4×4 patches, dim 64, 6 pre-norm blocks, 4 heads, MLP 128 (settings: patchSize, dim, depth, heads, mlpDim, dropout).");
        Add(registry, "vit-seed", VitSeed, "The seed study's ViT: 7×7 patches, dim 64, 4 blocks, 4 heads, MLP 128 (139,018 parameters on 28×28 grey, 10 classes), with per-image attention and pre-norm.");
    }

    private static void Add(ModelRegistry registry, string name, VitLayout layout, string description) =>
        registry.Add(name, description, options => new VisionTransformer(name, layout, options));
}
