using System.Security.Cryptography;

namespace ClassifierToolkit.IO;

/// <summary>The one way the toolkit names content: lower-case hex SHA-256 (model identities, feature-cache keys).</summary>
internal static class ContentHash
{
    /// <summary>The SHA-256 of a file's content.</summary>
    public static string OfFile(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>The SHA-256 of <paramref name="bytes"/>.</summary>
    public static string Of(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
