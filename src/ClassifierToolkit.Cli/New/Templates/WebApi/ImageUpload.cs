using ClassifierToolkit.Prediction;

namespace {{Name}}.WebApi;

/// <summary>The image a request sends: its body (curl --data-binary @photo.png) or the first file of a multipart form (curl -F image=@photo.png).</summary>
internal static class ImageUpload
{
    /// <exception cref="InvalidDataException">A form without a file.</exception>
    public static async Task<ImageData> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        // Only multipart forms carry files; curl --data-binary labels a raw image as a url-encoded form.
        if (request.ContentType?.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase) != true)
            return ImageData.FromBytes(await ReadAllAsync(request.Body, cancellationToken), "the request body");
        var form = await request.ReadFormAsync(cancellationToken);
        var file = form.Files.FirstOrDefault()
            ?? throw new InvalidDataException("The form has no file: attach the image as a file field (curl -F image=@photo.png).");
        await using var content = file.OpenReadStream();
        return ImageData.FromBytes(await ReadAllAsync(content, cancellationToken), file.FileName.Length > 0 ? file.FileName : file.Name);
    }

    // Read here, asynchronously: Kestrel does not allow the synchronous reads an image decoder makes on a request stream.
    private static async Task<byte[]> ReadAllAsync(Stream stream, CancellationToken cancellationToken)
    {
        using var bytes = new MemoryStream();
        await stream.CopyToAsync(bytes, cancellationToken);
        return bytes.ToArray();
    }
}
