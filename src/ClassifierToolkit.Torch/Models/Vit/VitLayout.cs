namespace ClassifierToolkit.Torch.Models.Vit;

/// <summary>A Vision Transformer's hyperparameters; a registered variant's values are the defaults its settings override.</summary>
/// <param name="PatchSize">Side of the square patches; must divide the input's height and width.</param>
/// <param name="Dim">Embedding size of every token.</param>
/// <param name="Depth">Number of encoder blocks.</param>
/// <param name="Heads">Attention heads; must divide <paramref name="Dim"/>.</param>
/// <param name="MlpDim">Hidden size of each block's MLP.</param>
/// <param name="Dropout">Dropout after the embedding, the attention projection and in the MLP (training only).</param>
internal sealed record VitLayout(int PatchSize, int Dim, int Depth, int Heads, int MlpDim, double Dropout)
{
    /// <summary>The settings a ViT accepts, as a pipeline file's <c>model.settings</c> names them.</summary>
    public static readonly string[] SettingNames = ["patchSize", "dim", "depth", "heads", "mlpDim", "dropout"];

    /// <summary>This layout with the values given in <paramref name="settings"/> replacing the defaults.</summary>
    /// <exception cref="ArgumentException">An unknown setting, or a value out of range.</exception>
    public VitLayout With(ModelSettings settings, string modelName)
    {
        settings.EnsureOnly(modelName, SettingNames);
        return new VitLayout(
            settings.Int("patchSize", PatchSize),
            settings.Int("dim", Dim),
            settings.Int("depth", Depth),
            settings.Int("heads", Heads),
            settings.Int("mlpDim", MlpDim),
            settings.Double("dropout", Dropout, 0, 1));
    }
}
