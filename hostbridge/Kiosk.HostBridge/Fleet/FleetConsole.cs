using System.Net;
using System.Text;

namespace Kiosk.HostBridge.Fleet;

/// <summary>
/// The server-rendered console under <c>/fleet</c>: login, stores with an enrolment-token button, device inventory with alerts,
/// revocation, certificate expiry with renewal, and the audit. Every value is HTML-encoded; state-changing posts need the SameSite=Strict
/// session cookie and a same-origin request.
/// </summary>
public static class FleetConsole
{
    /// <summary>Maps the console pages on the fleet route group.</summary>
    public static void Map(RouteGroupBuilder root)
    {
        root.MapGet("/fleet", Dashboard);
        root.MapPost("/fleet/login", Login);
        var posts = root.MapGroup("/fleet").AddEndpointFilter(SameOrigin).AddEndpointFilter(AdminAuth.RequireAdmin)
            .AddEndpointFilter(ProblemsAsPages);
        posts.MapPost("/logout", Logout);
        posts.MapPost("/stores", CreateStore).AuditsRefusalsAs("store.create");
        posts.MapPost("/tokens", CreateToken).AuditsRefusalsAs("token.create");
        posts.MapPost("/revoke", Revoke).AuditsRefusalsAs("device.revoke");
        Renewal.RenewalConsole.MapConsoleRenewal(posts);
    }

    private static async Task<IResult> Dashboard(HttpContext http, AdminStore admins, Inventory inventory, FleetAudit audit, TimeProvider clock,
        Renewal.CertificateRenewal renewal)
    {
        var token = AdminAuth.Token(http);
        var admin = token is null ? null : await admins.ResolveAsync(token, http.RequestAborted);
        if (admin is null) return Page("Fleet console — log in", LoginForm(null));
        var ct = http.RequestAborted;
        var stores = await inventory.StoresAsync(admin, ct);
        var devices = await inventory.DevicesAsync(admin, ct);
        var events = await audit.ListAsync(admin, 50, ct);
        var now = clock.GetUtcNow();
        var b = new StringBuilder();
        b.Append("<p>Signed in as <b id=\"who\">").Append(E(admin.Username)).Append("</b> (")
            .Append(admin.IsFleetWide ? "fleet-wide" : "municipality " + E(admin.Municipality!))
            .Append(") <form method=\"post\" action=\"/fleet/logout\" style=\"display:inline\"><button>Log out</button></form></p>");
        b.Append("<p><a href=\"/fleet/rollouts\">Application rollouts</a></p>");

        var alerting = devices.Where(d => d.Alerts.Count > 0).ToList();
        b.Append("<h2>Alerts (").Append(alerting.Count).Append(")</h2><ul id=\"alerts\">");
        foreach (var d in alerting) b.Append("<li>").Append(E(d.DeviceId)).Append(" @ ").Append(E(d.StoreId)).Append(": ").Append(E(string.Join(", ", d.Alerts))).Append("</li>");
        b.Append("</ul>");

        b.Append("<h2>Stores</h2><table id=\"stores\"><tr><th>Store</th><th>Municipality</th><th>Name</th><th></th></tr>");
        foreach (var s in stores)
        {
            b.Append("<tr><td>").Append(E(s.StoreId)).Append("</td><td>").Append(E(s.MunicipalityCode)).Append("</td><td>").Append(E(s.Name))
                .Append("</td><td><form method=\"post\" action=\"/fleet/tokens\"><input type=\"hidden\" name=\"storeId\" value=\"").Append(E(s.StoreId))
                .Append("\"><button>New enrolment token</button></form></td></tr>");
        }
        b.Append("</table><form method=\"post\" action=\"/fleet/stores\"><input name=\"storeId\" placeholder=\"store id\" required> ")
            .Append("<input name=\"municipalityCode\" placeholder=\"municipality code\" value=\"").Append(E(admin.Municipality ?? "")).Append("\" required> ")
            .Append("<input name=\"name\" placeholder=\"name\" required> <button>Add store</button></form>");

        b.Append("<h2>Devices</h2><table id=\"devices\"><tr><th>Device</th><th>Store</th><th>Firmware</th><th>App</th><th>Last heartbeat</th>")
            .Append("<th>Free heap</th><th>Reader</th><th>Printer</th><th>Certificate until</th><th>Status</th><th></th></tr>");
        foreach (var d in devices)
        {
            b.Append("<tr data-device=\"").Append(E(d.DeviceId)).Append("\"><td>").Append(E(d.DeviceId)).Append("</td><td>").Append(E(d.StoreId))
                .Append("</td><td>").Append(E(d.FirmwareVersion ?? "—")).Append("</td><td>").Append(E(d.AppVersion ?? "—"))
                .Append("</td><td>").Append(d.LastHeartbeat is { } at ? E(Ago(now - at)) : "never").Append("</td><td>")
                .Append(d.FreeHeap?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "—").Append("</td><td>").Append(E(d.ReaderState ?? "—"))
                .Append("</td><td>").Append(E(d.PrinterState ?? "—")).Append("</td><td>").Append(d.CertNotAfter.ToString("yyyy-MM-dd"))
                .Append("</td><td class=\"status\">").Append(d.Revoked ? "revoked" : d.Alerts.Count > 0 ? "alert" : "ok").Append("</td><td>");
            if (!d.Revoked)
            {
                b.Append("<form method=\"post\" action=\"/fleet/revoke\"><input type=\"hidden\" name=\"deviceId\" value=\"").Append(E(d.DeviceId))
                    .Append("\"><input name=\"reason\" placeholder=\"reason\"> <button>Revoke</button></form>");
            }
            b.Append("</td></tr>");
        }
        b.Append("</table>");

        Renewal.RenewalConsole.AppendExpiry(b, devices, await renewal.OverviewAsync(admin, ct), now);

        b.Append("<h2>Audit</h2><table id=\"audit\"><tr><th>When (UTC)</th><th>Who</th><th>Action</th><th>Target</th><th>Outcome</th></tr>");
        foreach (var e in events)
            b.Append("<tr><td>").Append(e.At.ToString("yyyy-MM-dd HH:mm:ss")).Append("</td><td>").Append(E(e.Actor)).Append("</td><td>").Append(E(e.Action))
                .Append("</td><td>").Append(E(e.Target)).Append("</td><td>").Append(E(e.Outcome)).Append("</td></tr>");
        b.Append("</table>");
        return Page("Fleet console", b.ToString());
    }

    private static async Task<IResult> Login(HttpContext http, AdminStore admins, FleetAudit audit, AdminLoginThrottle throttle)
    {
        var form = await FormBodies.ReadAsync(http, "the console's form");
        string user = form["username"].ToString(), password = form["password"].ToString();
        var address = http.Connection.RemoteIpAddress;
        if (!await throttle.MayTryAsync(user, address, http.RequestAborted))
        {
            await audit.RecordAsync(user.Length is > 0 and <= 64 ? user : "?", null, "admin.login", "console", "throttled", http.RequestAborted);
            return Page("Fleet console — log in", LoginForm("Too many failed logins; wait 15 minutes or ask another admin."), 429);
        }
        var result = await admins.LoginAsync(user, password, http.RequestAborted);
        if (result is not { } ok)
        {
            await throttle.FailedAsync(user, address, http.RequestAborted);
            await audit.RecordAsync(user.Length is > 0 and <= 64 ? user : "?", null, "admin.login", "console", "refused", http.RequestAborted);
            return Page("Fleet console — log in", LoginForm("Wrong user name or password."), 401);
        }
        await audit.RecordAsync(ok.Admin.Username, ok.Admin.Municipality, "admin.login", "console", "ok", http.RequestAborted);
        http.Response.Cookies.Append(AdminAuth.CookieName, ok.Token, new CookieOptions
        {
            HttpOnly = true, Secure = true, SameSite = SameSiteMode.Strict, Path = "/fleet",
        });
        return Results.Redirect("/fleet");
    }

    private static async Task<IResult> Logout(HttpContext http, AdminStore admins, FleetAudit audit)
    {
        await admins.LogoutAsync(AdminAuth.Token(http)!, http.RequestAborted);
        var admin = http.Admin();
        await audit.RecordAsync(admin.Username, admin.Municipality, "admin.logout", "console", "ok", http.RequestAborted);
        http.Response.Cookies.Delete(AdminAuth.CookieName, new CookieOptions { Path = "/fleet" });
        return Results.Redirect("/fleet");
    }

    private static async Task<IResult> CreateStore(HttpContext http, FleetActions actions)
    {
        var form = await FormBodies.ReadAsync(http, "the console's form");
        await actions.CreateStoreAsync(http.Admin(), form["storeId"], form["municipalityCode"], form["name"], http.RequestAborted);
        return Results.Redirect("/fleet");
    }

    private static async Task<IResult> CreateToken(HttpContext http, FleetActions actions)
    {
        var form = await FormBodies.ReadAsync(http, "the console's form");
        var storeId = form["storeId"].ToString();
        var (token, expires) = await actions.CreateTokenAsync(http.Admin(), storeId, null, http.RequestAborted);
        return Page("Enrolment token", "<p>One-time enrolment token for store <b>" + E(storeId) + "</b>, valid until " + E(expires.ToString("yyyy-MM-dd HH:mm"))
            + " UTC. It is shown only once.</p><pre id=\"token\">" + E(token) + "</pre><p>On the technician's laptop:</p><pre>kioskctl provision --store "
            + E(storeId) + " --token " + E(token) + " --bridge " + E(http.Request.Scheme + "://" + http.Request.Host) + " --port SERIAL</pre><p><a href=\"/fleet\">Back</a></p>");
    }

    private static async Task<IResult> Revoke(HttpContext http, FleetActions actions)
    {
        var form = await FormBodies.ReadAsync(http, "the console's form");
        await actions.RevokeAsync(http.Admin(), form["deviceId"].ToString(), form["reason"], http.RequestAborted);
        return Results.Redirect("/fleet");
    }

    /// <summary>Endpoint filter of every console post: refuses a request whose Origin or Sec-Fetch-Site says another site sent it.</summary>
    internal static async ValueTask<object?> SameOrigin(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var request = invocation.HttpContext.Request;
        var origin = request.Headers.Origin.ToString();
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if ((origin.Length > 0 && origin != request.Scheme + "://" + request.Host) || (site.Length > 0 && site != "same-origin"))
            return Page("Refused", "<p>Cross-site request refused.</p>", 403);
        return await next(invocation);
    }

    private static async ValueTask<object?> ProblemsAsPages(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        try
        {
            return await next(invocation);
        }
        catch (FleetProblem p)
        {
            return Page("Not done", "<p class=\"error\">" + E(p.Message) + "</p><p><a href=\"/fleet\">Back</a></p>", p.Status);
        }
    }

    private static string LoginForm(string? error) =>
        (error is null ? "" : "<p class=\"error\">" + E(error) + "</p>")
        + "<form method=\"post\" action=\"/fleet/login\"><label>User <input name=\"username\" autocomplete=\"username\" required></label> "
        + "<label>Password <input name=\"password\" type=\"password\" autocomplete=\"current-password\" required></label> <button>Log in</button></form>";

    private static string Ago(TimeSpan span) => span.TotalSeconds < 120 ? (int)span.TotalSeconds + " s ago"
        : span.TotalMinutes < 120 ? (int)span.TotalMinutes + " min ago" : (int)span.TotalHours + " h ago";

    private static IResult Page(string title, string body, int status = 200) => Results.Content(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + E(title) + "</title>"
        + "<style>body{font-family:sans-serif;margin:1.5em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.25em .5em}"
        + ".error{color:#b00}</style></head><body><h1>" + E(title) + "</h1>" + body + "</body></html>", "text/html; charset=utf-8", Encoding.UTF8, status);

    private static string E(string s) => WebUtility.HtmlEncode(s);
}
