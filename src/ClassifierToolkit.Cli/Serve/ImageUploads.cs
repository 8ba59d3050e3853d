using Microsoft.AspNetCore.Http;

namespace ClassifierToolkit.Cli.Serve;

/// <summary>Reads the images of a request: the raw body (one image) or every file of a multipart form.</summary>
internal static class ImageUploads
{
    public sealed record Upload(string Name, byte[] Bytes);

    /// <exception cref="BadRequestException">No image, or an empty one; the message says what to send.</exception>
    public static async Task<IReadOnlyList<Upload>> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var uploads = new List<Upload>();
        // Only multipart forms carry files; any other body (curl --data-binary sends a urlencoded content type) is the image.
        if (request.ContentType?.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase) == true)
        {
            var form = await request.ReadFormAsync(cancellationToken);
            foreach (var file in form.Files)
            {
                using var content = new MemoryStream();
                await file.CopyToAsync(content, cancellationToken);
                uploads.Add(new Upload(string.IsNullOrEmpty(file.FileName) ? file.Name : file.FileName, content.ToArray()));
            }
            if (uploads.Count == 0)
                throw new BadRequestException("The form has no file: attach the image as a file field (e.g. curl -F image=@shirt.png).");
        }
        else
        {
            using var content = new MemoryStream();
            await request.Body.CopyToAsync(content, cancellationToken);
            uploads.Add(new Upload("body", content.ToArray()));
        }
        if (uploads.FirstOrDefault(u => u.Bytes.Length == 0) is { } empty)
            throw new BadRequestException($"'{empty.Name}' is empty (0 bytes): send the image file's bytes as the body (curl --data-binary @shirt.png) or as a multipart file.");
        return uploads;
    }

    /// <summary>A request that cannot be served as sent (400).</summary>
    public sealed class BadRequestException(string message) : Exception(message);
}
