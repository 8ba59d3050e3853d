using Microsoft.AspNetCore.Http.Metadata;

namespace ClassifierToolkit.Serving.Http;

/// <summary>Endpoint metadata that routing applies to the request's body limit (what <c>[RequestSizeLimit]</c> is for MVC).</summary>
internal sealed record RequestSizeLimit(long? MaxRequestBodySize) : IRequestSizeLimitMetadata;
