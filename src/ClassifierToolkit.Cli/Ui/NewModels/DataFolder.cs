namespace ClassifierToolkit.Cli.Ui.NewModels;

/// <summary>A suggested data folder: its path relative to the root and how many class sub-folders hold images.</summary>
internal sealed record DataFolder(string Path, int Classes);
