using ClassifierToolkit.Prediction;
using Microsoft.AspNetCore.Http;

namespace ClassifierToolkit.Serving.Http;

/// <summary>Reads the images of a request: the raw body (one image, named <c>body</c>) or every file of a multipart form.</summary>
internal static class ImageUploads
{
    public const string BodyName = "body";

    /// <exception cref="ImageRequestException">No image, or an empty one; the message says what to send.</exception>
    public static async Task<IReadOnlyList<ImageData>> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var uploads = new List<ImageData>();
        // Only multipart forms carry files; any other body (curl --data-binary sends a urlencoded content type) is the image.
        if (request.ContentType?.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase) == true)
        {
            var form = await ReadFormAsync(request, cancellationToken);
            foreach (var file in form.Files)
            {
                await using var content = file.OpenReadStream();
                var name = string.IsNullOrEmpty(file.FileName) ? file.Name : file.FileName;
                uploads.Add(await ReadAsync(content, name, cancellationToken));
            }
            if (uploads.Count == 0)
                throw new ImageRequestException("No image in the form", "The form has no file: attach the image as a file field (e.g. curl -F image=@shirt.png).");
        }
        else
        {
            uploads.Add(await ReadAsync(request.Body, BodyName, cancellationToken));
        }
        return uploads;
    }

    private static async Task<IFormCollection> ReadFormAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await request.ReadFormAsync(cancellationToken);
        }
        catch (Exception e) when (e is InvalidDataException or InvalidOperationException)
        {
            // A malformed form (no boundary, cut short, over a form limit): the sender's mistake, not the server's.
            throw new ImageRequestException("Unreadable form",
                $"The multipart form could not be read ({e.Message}): send the image as a file field (e.g. curl -F image=@shirt.png).");
        }
    }

    // Read here, asynchronously: Kestrel does not allow the synchronous reads an image decoder makes on a request stream.
    private static async Task<ImageData> ReadAsync(Stream stream, string name, CancellationToken cancellationToken)
    {
        using var content = new MemoryStream();
        await stream.CopyToAsync(content, cancellationToken);
        if (content.Length == 0)
            throw new ImageRequestException("Empty image",
                $"'{name}' is empty (0 bytes): send the image file's bytes as the body (curl --data-binary @shirt.png) or as a multipart file.");
        return ImageData.FromBytes(content.ToArray(), name);
    }
}
