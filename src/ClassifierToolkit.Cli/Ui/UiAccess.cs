using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;

namespace ClassifierToolkit.Cli.Ui;

/// <summary>
/// Who may use the page. On loopback (the default) anyone on this machine may, as with <c>ctk serve</c>. Bound to any other
/// address, every request needs the token printed at start: once in the address (<c>?token=</c>), after which a cookie carries it,
/// or as <c>Authorization: Bearer</c> for scripts.
/// </summary>
internal sealed class UiAccess
{
    public const string CookieName = "ctk-ui-token";

    private UiAccess(string? token) => Token = token;

    /// <summary>The token, or null when none is needed (loopback).</summary>
    public string? Token { get; }

    /// <summary>No token on a loopback host unless one is given; a fresh random one on any other host.</summary>
    public static UiAccess For(string host, string? token) =>
        new(!string.IsNullOrEmpty(token) ? token : IsLoopback(host) ? null : Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)));

    public static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    /// <summary>Lets the request through, or answers 401 with how to get in.</summary>
    public async Task CheckAsync(HttpContext context, RequestDelegate next)
    {
        if (Token is null || context.Request.Path == "/health")
        {
            await next(context);
            return;
        }
        var given = context.Request.Query["token"].FirstOrDefault()
            ?? (context.Request.Headers.Authorization.FirstOrDefault() is { } header && header.StartsWith("Bearer ", StringComparison.Ordinal) ? header[7..] : null)
            ?? context.Request.Cookies[CookieName];
        if (given is null || !CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(given), System.Text.Encoding.UTF8.GetBytes(Token)))
        {
            await Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Token required",
                detail: "This ctk ui listens beyond this machine, so it needs the token it printed at start: open the address it printed (…/?token=…) " +
                    "or send 'Authorization: Bearer <token>'.").ExecuteAsync(context);
            return;
        }
        if (context.Request.Query.ContainsKey("token"))
            context.Response.Cookies.Append(CookieName, Token, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, Path = "/" });
        await next(context);
    }
}
