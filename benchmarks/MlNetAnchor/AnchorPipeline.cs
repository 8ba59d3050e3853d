using Microsoft.ML;

namespace MlNetAnchor;

/// <summary>
/// ML.NET's documented image-classification route without deep-learning training: ResNet-18 (ONNX, ImageNet weights
/// from Microsoft.ML.DnnImageFeaturizer.ResNet18) as a fixed featurizer, then L-BFGS maximum entropy on its features.
/// </summary>
internal static class AnchorPipeline
{
    /// <summary>The side ResNet-18's featurizer takes.</summary>
    public const int Side = 224;
    /// <summary>How the route is described in the output.</summary>
    public const string Description =
        "LoadImages → ResizeImages(224,224) → ExtractPixels → DnnFeaturizeImage(ResNet18) → MapValueToKey → LbfgsMaximumEntropy → MapKeyToValue";

    private const string LabelKey = "LabelKey";

    /// <summary>The estimator: <see cref="ImageRow"/> in; <c>Score</c> and <c>PredictedLabel</c> (text) out.</summary>
    public static IEstimator<ITransformer> Create(MLContext mlContext) =>
        mlContext.Transforms.LoadImages("Image", imageFolder: "", inputColumnName: nameof(ImageRow.ImagePath))
            .Append(mlContext.Transforms.ResizeImages("Image", Side, Side))
            .Append(mlContext.Transforms.ExtractPixels("Pixels", "Image"))
            .Append(mlContext.Transforms.DnnFeaturizeImage("Features", m => m.ModelSelector.ResNet18(mlContext, m.OutputColumn, m.InputColumn), "Pixels"))
            .Append(mlContext.Transforms.Conversion.MapValueToKey(LabelKey, nameof(ImageRow.Label)))
            .Append(mlContext.MulticlassClassification.Trainers.LbfgsMaximumEntropy(LabelKey, "Features"))
            .Append(mlContext.Transforms.Conversion.MapKeyToValue("PredictedLabel"));

    /// <summary>The label column the trainer learned from (a key), for ML.NET's evaluator.</summary>
    public static string LabelColumn => LabelKey;
}
