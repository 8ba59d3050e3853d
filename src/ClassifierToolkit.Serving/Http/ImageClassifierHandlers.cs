using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ClassifierToolkit.Serving.Http;

/// <summary>What the routes of <c>MapImageClassifier</c> do for one model: predict one upload or many, describe the model.</summary>
internal sealed class ImageClassifierHandlers(string modelName, ImageClassifierEndpointOptions options)
{
    public Task<Results<Ok<PredictionResponse>, ProblemHttpResult>> PredictAsync(HttpRequest request, ImageClassifierPool pool,
        CancellationToken cancellationToken) =>
        ImageRequestProblems.AnswerAsync(async () =>
        {
            int top = Top(request, pool);
            var uploads = await ImageUploads.ReadAsync(request, cancellationToken);
            if (uploads.Count != 1)
                throw new ImageRequestException("One image expected",
                    $"{request.Path} takes one image; this request has {uploads.Count}. Send several to {request.Path}/batch.");
            return PredictionResponse.From(uploads[0].Name, pool.Predict(modelName, uploads[0]), top);
        });

    public Task<Results<Ok<PredictionBatchResponse>, ProblemHttpResult>> PredictBatchAsync(HttpRequest request, ImageClassifierPool pool,
        CancellationToken cancellationToken) =>
        ImageRequestProblems.AnswerAsync(async () =>
        {
            int top = Top(request, pool);
            var uploads = await ImageUploads.ReadAsync(request, cancellationToken);
            var predictions = pool.PredictBatch(modelName, uploads);
            return new PredictionBatchResponse([.. uploads.Zip(predictions, (upload, prediction) => PredictionResponse.From(upload.Name, prediction, top))]);
        });

    public Task<Results<Ok<ModelResponse>, ProblemHttpResult>> Model(ImageClassifierPool pool) =>
        ImageRequestProblems.AnswerAsync(() => Task.FromResult(ModelResponse.From(pool.Describe(modelName))));

    // ?top=k, else the default; at most the model's class count.
    private int Top(HttpRequest request, ImageClassifierPool pool)
    {
        // The served model itself, not Describe's snapshot record: this runs on every request.
        int classCount = pool.Current(modelName).ClassNames.Count;
        if (!request.Query.TryGetValue("top", out var text)) return Math.Min(options.DefaultTop, classCount);
        if (!int.TryParse(text, out int top) || top < 1 || top > classCount)
            throw new ImageRequestException("Invalid top", $"top={text} is not a class count between 1 and {classCount}: " +
                $"ask for ?top=1 to ?top={classCount}, or leave it out for {Math.Min(options.DefaultTop, classCount)}.");
        return top;
    }
}
