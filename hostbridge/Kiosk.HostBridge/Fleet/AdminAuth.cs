namespace Kiosk.HostBridge.Fleet;

/// <summary>Resolves the admin of a request from <c>Authorization: Bearer</c> (API) or the console's session cookie.</summary>
public static class AdminAuth
{
    /// <summary>Name of the console's session cookie (HttpOnly, Secure, SameSite=Strict).</summary>
    public const string CookieName = "kiosk_admin";

    private const string ItemKey = "kiosk.admin";

    /// <summary>The admin of this request (set by <see cref="RequireAdmin"/>).</summary>
    public static AdminPrincipal Admin(this HttpContext http) => (AdminPrincipal)http.Items[ItemKey]!;

    /// <summary>The session token the request carries, if any.</summary>
    public static string? Token(HttpContext http)
    {
        var header = http.Request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return header["Bearer ".Length..].Trim();
        return http.Request.Cookies.TryGetValue(CookieName, out var cookie) ? cookie : null;
    }

    /// <summary>Endpoint filter: 401 unless a live admin session is presented.</summary>
    public static async ValueTask<object?> RequireAdmin(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var http = invocation.HttpContext;
        var token = Token(http);
        var admin = token is null ? null : await http.RequestServices.GetRequiredService<AdminStore>().ResolveAsync(token, http.RequestAborted);
        if (admin is null) return FleetResults.Problem(401, "unauthenticated-admin", "Log in first.");
        http.Items[ItemKey] = admin;
        return await next(invocation);
    }
}
