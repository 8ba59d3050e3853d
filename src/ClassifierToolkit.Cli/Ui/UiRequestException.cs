using Microsoft.AspNetCore.Http;

namespace ClassifierToolkit.Cli.Ui;

/// <summary>A request <c>ctk ui</c> refuses: answered with <see cref="Status"/> (a 4xx) and a problem body whose detail says what to fix.</summary>
internal sealed class UiRequestException(int status, string title, string detail) : Exception(detail)
{
    public int Status { get; } = status;
    public string Title { get; } = title;

    public static UiRequestException BadRequest(string detail) => new(StatusCodes.Status400BadRequest, "Bad request", detail);
    public static UiRequestException Forbidden(string detail) => new(StatusCodes.Status403Forbidden, "Outside the root", detail);
    public static UiRequestException NotFound(string detail) => new(StatusCodes.Status404NotFound, "Not found", detail);
    public static UiRequestException Conflict(string detail) => new(StatusCodes.Status409Conflict, "Conflict", detail);
}
