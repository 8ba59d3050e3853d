using System.Globalization;
using ClassifierToolkit.Data;

namespace ClassifierToolkit.Cli.Doctor;

/// <summary>
/// Where ctk looks for Fashion-MNIST, in its search order, what each place holds, and what a run would use. Never
/// downloads: it says where a download would come from and go.
/// </summary>
internal sealed class DataSetsCheck : IDoctorCheck
{
    public DoctorSection Run()
    {
        var options = new FashionMnistLocator.Options();
        var locator = new FashionMnistLocator(options);
        var findings = new List<DoctorFinding>();
        int step = 1;
        foreach (var folder in locator.SearchOrder())
            findings.Add(Folder($"{step++}. {(folder == locator.DownloadFolder ? "data directory" : "system-wide copy")}", folder));
        findings.Add(new($"{step++}. download", $"from {options.MirrorUrl} into {locator.DownloadFolder}, when nothing above is found (the doctor does not try)"));
        findings.Add(options.SampleFolder is { } sample
            ? new($"{step}. bundled sample", $"{Contents(sample)} in {sample}")
            : DoctorFinding.Warning($"{step}. bundled sample", $"missing: {FashionMnistLocator.Defaults.BundledSampleFolder} (a run without the full set fails)"));
        findings.Add(WhatARunUses(locator, options));
        findings.AddRange(new[] { FashionMnistLocator.DataDirectoryVariable, FashionMnistLocator.SystemFolderVariable, FashionMnistLocator.MirrorVariable }
            .Select(name => new DoctorFinding("$" + name, Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : "not set")));
        return new DoctorSection("Data sets: Fashion-MNIST", findings);
    }

    private static DoctorFinding Folder(string name, string folder)
    {
        if (!FashionMnist.HasAllFiles(folder)) return new DoctorFinding(name, $"missing: {folder}");
        try
        {
            return DoctorFinding.Ok(name, $"found: {Contents(folder)} in {folder}");
        }
        catch (InvalidDataException e)
        {
            return DoctorFinding.Warning(name, $"unreadable: {e.Message}");
        }
    }

    private static string Contents(string folder) => string.Create(CultureInfo.InvariantCulture,
        $"{FashionMnist.CountImages(folder, DataSplitKind.Train):N0} training and {FashionMnist.CountImages(folder, DataSplitKind.Test):N0} test images");

    private static DoctorFinding WhatARunUses(FashionMnistLocator locator, FashionMnistLocator.Options options)
    {
        const string Name = "a run uses";
        if (locator.SearchOrder().FirstOrDefault(FashionMnist.HasAllFiles) is { } found) return DoctorFinding.Ok(Name, $"the full set in {found}");
        return DoctorFinding.Warning(Name, "the download; without a network " + (options.SampleFolder is null ? "it fails" : "the bundled sample (lower accuracy)") +
            ". To get the full set: " + string.Join("; or ", locator.WaysToGetFullSet()));
    }
}
