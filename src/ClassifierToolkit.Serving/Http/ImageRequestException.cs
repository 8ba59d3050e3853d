namespace ClassifierToolkit.Serving.Http;

/// <summary>A request that cannot be served as sent (400): <see cref="Title"/> names the kind of problem, the message says
/// what was sent and how to send it.</summary>
internal sealed class ImageRequestException(string title, string message) : Exception(message)
{
    public string Title { get; } = title;
}
