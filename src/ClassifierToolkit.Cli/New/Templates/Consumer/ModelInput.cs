namespace {{Name}}.Consumer;

/// <summary>The model's input: one image file (PNG, JPEG, BMP, GIF or WEBP) of any size; the model resizes it to {{InputSize}}.</summary>
public sealed class ModelInput
{
    /// <summary>The image file's path.</summary>
    public string ImagePath { get; set; } = "";
}
