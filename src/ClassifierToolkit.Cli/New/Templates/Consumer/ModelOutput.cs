namespace {{Name}}.Consumer;

/// <summary>What the model says about one image.</summary>
public sealed class ModelOutput
{
    /// <summary>The most likely class.</summary>
    public string PredictedLabel { get; set; } = "";

    /// <summary>The probability of every class (they sum to 1), in the order of <see cref="{{Name}}Model.ClassNames"/>.</summary>
    public float[] Score { get; set; } = [];
}
