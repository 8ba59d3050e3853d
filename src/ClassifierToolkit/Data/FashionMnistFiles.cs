namespace ClassifierToolkit.Data;

/// <summary>The four Fashion-MNIST files, where they are published, and the SHA-256 of their decompressed content.</summary>
internal static class FashionMnistFiles
{
    public const string OfficialBaseUrl = "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/";

    // Hashes of the decompressed IDX content, so a re-compressed copy (Debian's) checks out too.
    public static IReadOnlyDictionary<string, string> ContentSha256 { get; } = new Dictionary<string, string>
    {
        ["train-images-idx3-ubyte"] = "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888",
        ["train-labels-idx1-ubyte"] = "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9",
        ["t10k-images-idx3-ubyte"] = "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b",
        ["t10k-labels-idx1-ubyte"] = "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34",
    };

    /// <summary>The path of <paramref name="stem"/> in <paramref name="folder"/>, gzip or plain.</summary>
    public static string Find(string folder, string stem)
    {
        foreach (var candidate in new[] { stem + ".gz", stem })
        {
            var path = Path.Combine(folder, candidate);
            if (File.Exists(path)) return path;
        }
        throw new FileNotFoundException($"'{folder}' has no '{stem}.gz' (nor '{stem}').", Path.Combine(folder, stem + ".gz"));
    }

    /// <summary>True when the folder holds all four files.</summary>
    public static bool AllPresent(string folder) =>
        Directory.Exists(folder) && ContentSha256.Keys.All(stem => File.Exists(Path.Combine(folder, stem + ".gz")) || File.Exists(Path.Combine(folder, stem)));
}
