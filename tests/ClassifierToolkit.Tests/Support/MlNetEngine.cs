using ClassifierToolkit.Data;
using ClassifierToolkit.Prediction;
using Microsoft.ML;

namespace ClassifierToolkit.Tests.Support;

/// <summary>A saved .zip served the plain ML.NET way (<c>mlContext.Model.Load</c> + <c>PredictionEngine</c>): the reference the
/// toolkit's own predictor must agree with.</summary>
internal sealed class MlNetEngine : IDisposable
{
    private readonly ITransformer _model;
    private readonly PredictionEngine<ImageInput, ImagePrediction> _engine;

    private MlNetEngine(MLContext mlContext, ITransformer model)
    {
        _model = model;
        _engine = mlContext.Model.CreatePredictionEngine<ImageInput, ImagePrediction>(model);
    }

    public static MlNetEngine Load(string modelPath)
    {
        var mlContext = new MLContext(1);
        return new MlNetEngine(mlContext, mlContext.Model.Load(modelPath, out _));
    }

    /// <summary>One file, read through its reduced copy when it is over the size limit (as the toolkit reads it).</summary>
    public ImagePrediction Predict(string imagePath) =>
        _engine.Predict(new ImageInput { ImagePath = ReducedImageCache.ReadablePath(Path.GetFullPath(imagePath)) });

    public void Dispose()
    {
        _engine.Dispose();
        (_model as IDisposable)?.Dispose();
    }
}
