using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ClassifierToolkit.Serving.Http;

/// <summary>
/// Turns every failure a request can cause into RFC 9457 problem details (<c>application/problem+json</c>) with the right
/// status and a detail that names the upload and says how to fix it: 400 for a bad upload, 413 for one over the limit, 404
/// for a model the pool does not have. Bad input never gets a 500.
/// </summary>
internal static class ImageRequestProblems
{
    public static async Task<Results<Ok<T>, ProblemHttpResult>> AnswerAsync<T>(Func<Task<T>> handle)
    {
        try
        {
            return TypedResults.Ok(await handle());
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Problem(e.StatusCode, "Request too large", $"The request is larger than this server accepts ({e.Message}). Send a smaller image or " +
                "fewer images per request, or raise the server's limit (--max-request-mb of ctk serve or ctk ui, or MaxRequestBytes of MapImageClassifier's options).");
        }
        catch (BadHttpRequestException e)
        {
            return Problem(e.StatusCode, "Bad request", e.Message);
        }
        catch (ImageRequestException e)
        {
            return Problem(StatusCodes.Status400BadRequest, e.Title, e.Message);
        }
        catch (InvalidDataException e)
        {
            // The image decoder's: the message names the upload and the formats it reads.
            return Problem(StatusCodes.Status400BadRequest, "Not an image", e.Message);
        }
        catch (KeyNotFoundException e)
        {
            return Problem(StatusCodes.Status404NotFound, "Unknown model",
                $"{e.Message} Register it with services.AddImageClassifier(name, path), or map a name the pool has.");
        }
    }

    private static ProblemHttpResult Problem(int status, string title, string detail) => TypedResults.Problem(detail, statusCode: status, title: title);
}
