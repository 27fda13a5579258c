using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Extensions.Options;

namespace Kiosk.HostBridge.Fleet.Rollouts;

/// <summary>
/// Console pages for rollouts under <c>/fleet/rollouts</c>: bundles with an upload form, rollouts with a create form (up to four groups),
/// and one page per rollout with group progress, the policy's last decision and its cause, per-device results and the admin buttons.
/// Server-rendered, no script, everything HTML-encoded; posts need the session cookie and a same-origin request.
/// </summary>
public static class RolloutConsole
{
    private const int FormGroups = 4;

    /// <summary>Maps the pages on the fleet route group.</summary>
    public static void Map(RouteGroupBuilder root)
    {
        root.MapGet("/fleet/rollouts", List);
        root.MapGet("/fleet/rollouts/{rolloutId}", Detail);
        var posts = root.MapGroup("/fleet/rollouts").AddEndpointFilter(FleetConsole.SameOrigin).AddEndpointFilter(AdminAuth.RequireAdmin).AddEndpointFilter(ProblemsAsPages);
        posts.MapPost("/bundles", Upload).DisableAntiforgery();
        posts.MapPost("/create", Create).DisableAntiforgery();
        posts.MapPost("/{rolloutId}/{action}", Act).DisableAntiforgery();
    }

    private static async Task<AdminPrincipal?> AdminOf(HttpContext http, AdminStore admins)
        => AdminAuth.Token(http) is { } token ? await admins.ResolveAsync(token, http.RequestAborted) : null;

    private static async Task<IResult> List(HttpContext http, AdminStore admins, BundleStore bundles, RolloutService rollouts)
    {
        if (await AdminOf(http, admins) is not { } admin) return Results.Redirect("/fleet");
        var ct = http.RequestAborted;
        var b = new StringBuilder(Nav(admin));
        var bundleList = await bundles.ListAsync(admin, ct);
        b.Append("<h2>Bundles</h2><table id=\"bundles\"><tr><th>Version</th><th>Size</th><th>SHA-256</th><th>Scope</th><th>Uploaded by</th><th>When (UTC)</th></tr>");
        foreach (var x in bundleList)
        {
            b.Append("<tr data-bundle=\"").Append(E(x.BundleId)).Append("\"><td>").Append(E(x.Version)).Append("</td><td>").Append(x.Size).Append("</td><td><code>")
                .Append(E(x.Sha256[..16])).Append("…</code></td><td>").Append(E(x.MunicipalityCode ?? "fleet-wide")).Append("</td><td>").Append(E(x.UploadedBy))
                .Append("</td><td>").Append(x.UploadedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)).Append("</td></tr>");
        }
        b.Append("</table><h3>Upload a signed bundle</h3><form id=\"upload\" method=\"post\" action=\"/fleet/rollouts/bundles\" enctype=\"multipart/form-data\">")
            .Append("<label>Version <input name=\"version\" required></label> <label>Bundle <input type=\"file\" name=\"file\" required></label> ")
            .Append("<label>Size <input name=\"size\" inputmode=\"numeric\"></label> <label>SHA-256 <input name=\"sha256\" size=\"64\"></label> ")
            .Append("<label>Signature (base64) <input name=\"signature\" size=\"60\" required></label> <button>Upload</button></form>");

        b.Append("<h2>Rollouts</h2><table id=\"rollouts\"><tr><th>Rollout</th><th>Version</th><th>Municipality</th><th>State</th><th>Last decision</th><th>Created</th></tr>");
        foreach (var r in await rollouts.ListAsync(admin, ct))
        {
            b.Append("<tr><td><a href=\"/fleet/rollouts/").Append(E(r.RolloutId)).Append("\">").Append(E(r.RolloutId[..8])).Append("</a></td><td>").Append(E(r.Bundle.Version))
                .Append("</td><td>").Append(E(r.MunicipalityCode)).Append("</td><td class=\"state\">").Append(E(r.State)).Append("</td><td>")
                .Append(E(r.DecisionCause ?? "")).Append("</td><td>").Append(r.CreatedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)).Append("</td></tr>");
        }
        b.Append("</table>");
        if (bundleList.Count > 0)
        {
            b.Append("<h3>New rollout</h3><form id=\"create\" method=\"post\" action=\"/fleet/rollouts/create\"><p><label>Bundle <select name=\"bundleId\">");
            foreach (var x in bundleList) b.Append("<option value=\"").Append(E(x.BundleId)).Append("\">").Append(E(x.Version)).Append("</option>");
            b.Append("</select></label> ");
            if (admin.IsFleetWide) b.Append("<label>Municipality <input name=\"municipalityCode\" required></label> ");
            b.Append("<label>Maintenance window (Asia/Tokyo) <input name=\"windowStart\" placeholder=\"01:00\" size=\"5\"> – <input name=\"windowEnd\" placeholder=\"05:00\" size=\"5\"></label></p>")
                .Append("<table><tr><th>Group</th><th>Targets: “25%” or store ids</th><th>Advance at success %</th><th>Pause at failure %</th><th>Abort at failure %</th><th>Approval before next</th></tr>");
            for (var i = 0; i < FormGroups; i++)
            {
                b.Append("<tr><td>").Append(i + 1).Append("</td><td><input name=\"g").Append(i).Append(".targets\"").Append(i == 0 ? " required" : "").Append("></td>")
                    .Append("<td><input name=\"g").Append(i).Append(".success\" value=\"100\" size=\"4\"></td><td><input name=\"g").Append(i)
                    .Append(".pause\" value=\"20\" size=\"4\"></td><td><input name=\"g").Append(i).Append(".abort\" value=\"50\" size=\"4\"></td><td><input type=\"checkbox\" name=\"g")
                    .Append(i).Append(".approval\" value=\"1\"></td></tr>");
            }
            b.Append("</table><button>Start rollout</button></form>");
        }
        return Page("Rollouts", b.ToString());
    }

    private static async Task<IResult> Detail(HttpContext http, string rolloutId, AdminStore admins, RolloutService rollouts)
    {
        if (await AdminOf(http, admins) is not { } admin) return Results.Redirect("/fleet");
        var r = await rollouts.GetAsync(admin, rolloutId, http.RequestAborted);
        if (r is null) return Page("Not found", Nav(admin) + "<p class=\"error\">No such rollout in your municipality.</p>", 404);
        var b = new StringBuilder(Nav(admin));
        b.Append("<p>Bundle <b id=\"version\">").Append(E(r.Bundle.Version)).Append("</b> (").Append(r.Bundle.Size).Append(" bytes) to municipality ")
            .Append(E(r.MunicipalityCode)).Append(", window ").Append(E(r.Window ?? "none")).Append(". State: <b id=\"state\">").Append(E(r.State))
            .Append("</b></p><p>Last decision: <b id=\"decision\">").Append(E(r.Decision ?? "—")).Append("</b> — <span id=\"cause\">").Append(E(r.DecisionCause ?? ""))
            .Append("</span></p><p>");
        var more = r.ReleasedGroup + 1 < r.Groups.Count;
        foreach (var action in new[] { "pause", "resume", "approve", "abort" })
        {
            // Only the actions the state allows; the service refuses the others anyway.
            var allowed = action switch
            {
                "pause" => r.State is RolloutStates.Running or RolloutStates.AwaitingApproval,
                "resume" => r.State == RolloutStates.Paused,
                "approve" => r.State is RolloutStates.AwaitingApproval or RolloutStates.Running && more,
                _ => RolloutStates.IsActive(r.State),
            };
            if (!allowed) continue;
            b.Append("<form method=\"post\" action=\"/fleet/rollouts/").Append(E(r.RolloutId)).Append('/').Append(action)
                .Append("\" style=\"display:inline\"><button name=\"do\" value=\"").Append(action).Append("\">").Append(char.ToUpperInvariant(action[0])).Append(action[1..])
                .Append("</button></form> ");
        }
        b.Append("</p><h2>Groups</h2><table id=\"groups\"><tr><th>Group</th><th>Targets</th><th>Status</th><th>Targeted</th><th>Succeeded</th><th>Failed</th><th>Pending</th>")
            .Append("<th>Joined late</th><th>Thresholds</th></tr>");
        foreach (var g in r.Groups)
        {
            var status = g.Released ? "released" : RolloutStates.IsActive(r.State) || r.State == RolloutStates.Aborted ? "held back" : "not released";
            b.Append("<tr data-group=\"").Append(g.Index + 1).Append("\"><td>").Append(g.Index + 1).Append("</td><td>").Append(E(g.Targets)).Append("</td><td class=\"status\">")
                .Append(status).Append("</td><td class=\"targeted\">").Append(g.Targeted).Append("</td><td class=\"succeeded\">").Append(g.Succeeded)
                .Append("</td><td class=\"failed\">").Append(g.Failed).Append("</td><td class=\"pending\">").Append(g.Pending).Append("</td><td>").Append(g.JoinedLate)
                .Append("</td><td>advance ≥ ").Append(Pct(g.Thresholds.SuccessToAdvance)).Append(", pause ≥ ").Append(Pct(g.Thresholds.FailureToPause))
                .Append(", abort ≥ ").Append(Pct(g.Thresholds.FailureToAbort)).Append(g.Thresholds.RequiresApproval ? ", approval" : "").Append("</td></tr>");
        }
        b.Append("</table><h2>Devices</h2><table id=\"devices\"><tr><th>Device</th><th>Store</th><th>Group</th><th>Previous version</th><th>State</th><th>Reason</th><th>Reported (UTC)</th></tr>");
        foreach (var d in r.Devices)
        {
            b.Append("<tr data-device=\"").Append(E(d.DeviceId)).Append("\"><td>").Append(E(d.DeviceId)).Append(d.JoinedLate ? " (joined)" : "").Append("</td><td>")
                .Append(E(d.StoreId)).Append("</td><td>").Append(d.Group + 1).Append("</td><td>").Append(E(d.PreviousVersion ?? "—")).Append("</td><td class=\"state\">")
                .Append(E(d.State)).Append("</td><td class=\"reason\">").Append(E(d.Reason ?? "")).Append("</td><td>")
                .Append(d.ReportedAt?.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? "—").Append("</td></tr>");
        }
        b.Append("</table>");
        return Page("Rollout " + r.RolloutId[..8], b.ToString());
    }

    private static async Task<IResult> Upload(HttpContext http, BundleStore store, FleetAudit audit, IOptions<RolloutOptions> options)
    {
        await RolloutApi.UploadFromFormAsync(http, store, audit, options.Value);
        return Results.Redirect("/fleet/rollouts");
    }

    private static async Task<IResult> Create(HttpContext http, RolloutService rollouts)
    {
        var form = await FormBodies.ReadAsync(http, "the console's form");
        var groups = new List<GroupRequest>();
        for (var i = 0; i < FormGroups; i++)
        {
            var targets = form["g" + i + ".targets"].ToString().Trim();
            if (targets.Length == 0) continue;
            int? percent = null;
            List<string>? stores = null;
            if (targets.EndsWith('%'))
            {
                percent = int.TryParse(targets.TrimEnd('%').Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p
                    : throw new FleetProblem(400, "bad-request", "Group " + (i + 1) + ": a percentage looks like “25%”.");
            }
            else
            {
                stores = targets.Split([' ', ',', ';'], StringSplitOptions.RemoveEmptyEntries).ToList();
            }
            groups.Add(new GroupRequest(percent, stores, Share(form, i, "success"), Share(form, i, "pause"), Share(form, i, "abort"),
                form["g" + i + ".approval"].ToString() == "1"));
        }
        var view = await rollouts.CreateAsync(http.Admin(), form["bundleId"].ToString(), form["municipalityCode"].ToString() is { Length: > 0 } m ? m : null,
            form["windowStart"], form["windowEnd"], groups, http.RequestAborted);
        return Results.Redirect("/fleet/rollouts/" + view.RolloutId);
    }

    private static double Share(IFormCollection form, int group, string field)
        => double.TryParse(form["g" + group + "." + field].ToString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v / 100
            : throw new FleetProblem(400, "bad-request", "Group " + (group + 1) + ": the " + field + " threshold is a percentage (0–100).");

    private static async Task<IResult> Act(HttpContext http, string rolloutId, string action, RolloutService rollouts)
    {
        if (action is not ("pause" or "resume" or "abort" or "approve")) return Page("Not found", "<p>No such action.</p>", 404);
        await rollouts.ActAsync(http.Admin(), rolloutId, action, http.RequestAborted);
        return Results.Redirect("/fleet/rollouts/" + rolloutId);
    }

    private static string Nav(AdminPrincipal admin) => "<p><a href=\"/fleet\">Fleet console</a> · <a href=\"/fleet/rollouts\">Rollouts</a> · signed in as <b>"
        + E(admin.Username) + "</b></p>";

    private static string Pct(double share) => (share * 100).ToString("0.#", CultureInfo.InvariantCulture) + " %";

    private static async ValueTask<object?> ProblemsAsPages(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        try
        {
            return await next(invocation);
        }
        catch (FleetProblem p)
        {
            return Page("Not done", "<p class=\"error\" id=\"error\">" + E(p.Message) + "</p><p><a href=\"/fleet/rollouts\">Back</a></p>", p.Status);
        }
    }

    private static IResult Page(string title, string body, int status = 200) => Results.Content(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + E(title) + "</title>"
        + "<style>body{font-family:sans-serif;margin:1.5em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.25em .5em}"
        + ".error{color:#b00}</style></head><body><h1>" + E(title) + "</h1>" + body + "</body></html>", "text/html; charset=utf-8", Encoding.UTF8, status);

    private static string E(string s) => WebUtility.HtmlEncode(s);
}
