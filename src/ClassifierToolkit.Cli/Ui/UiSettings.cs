namespace ClassifierToolkit.Cli.Ui;

/// <summary>What <c>ctk ui</c> was started with.</summary>
/// <param name="Root">The folder whose runs and studies are shown; nothing outside it is reachable.</param>
/// <param name="Storage">A PostgreSQL connection string whose studies are shown too, or null.</param>
/// <param name="Token">The token every request needs, or null (loopback); see <see cref="UiAccess"/>.</param>
/// <param name="MaxRequestBytes">The largest request body accepted (images dropped on "try it").</param>
internal sealed record UiSettings(UiRoot Root, string? Storage, string Host, int Port, string? Token, long MaxRequestBytes);
