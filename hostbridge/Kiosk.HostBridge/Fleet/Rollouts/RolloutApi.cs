using System.Text.Json;
using Kiosk.HostBridge.Api;
using Kiosk.HostBridge.Configuration;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Kiosk.HostBridge.Fleet.Rollouts;

/// <summary>
/// Rollout routes: the admin API under <c>/fleet/api</c> (bundles, rollouts, pause/resume/abort/approve, progress; refusals as
/// application/problem+json) and the device side on the kiosk mTLS port (<c>GET /v1/updates</c>, the bundle download with Range, the report).
/// </summary>
public static class RolloutApi
{
    /// <summary>Maps the admin routes on the fleet route group, the console pages, and the device routes behind the device-certificate filter.</summary>
    public static void Map(IEndpointRouteBuilder app, RouteGroupBuilder fleetRoot)
    {
        var api = fleetRoot.MapGroup("/fleet/api").AddEndpointFilter(AdminAuth.RequireAdmin).AddEndpointFilter(ProblemJson);
        api.MapGet("/bundles", async (HttpContext http, BundleStore store) => FleetResults.Ok(await store.ListAsync(http.Admin(), http.RequestAborted)));
        api.MapPost("/bundles", Upload).DisableAntiforgery();
        api.MapGet("/rollouts", async (HttpContext http, RolloutService s) => FleetResults.Ok(await s.ListAsync(http.Admin(), http.RequestAborted)));
        api.MapPost("/rollouts", Create);
        api.MapGet("/rollouts/{rolloutId}", Get);
        foreach (var action in new[] { "pause", "resume", "abort", "approve" })
        {
            api.MapPost("/rollouts/{rolloutId}/" + action, async (HttpContext http, string rolloutId, RolloutService s)
                => FleetResults.Ok(await s.ActAsync(http.Admin(), rolloutId, action, http.RequestAborted)));
        }
        RolloutConsole.Map(fleetRoot);

        var device = app.MapGroup("/v1/updates").AddEndpointFilter(DeviceContext.RequireDevice);
        device.MapGet("", Check);
        device.MapGet("/bundles/{bundleId}", Download);
        device.MapPost("/report", Report);
    }

    /// <summary>Largest upload body: the bundle plus the form's other fields.</summary>
    internal static void AllowBundleBody(HttpContext http, RolloutOptions options)
    {
        var limit = http.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (limit is { IsReadOnly: false }) limit.MaxRequestBodySize = options.MaxBundleBytes + 64 * 1024;
    }

    private static async Task<IResult> Upload(HttpContext http, BundleStore store, FleetAudit audit, IOptions<RolloutOptions> options)
    {
        var view = await UploadFromFormAsync(http, store, audit, options.Value);
        return FleetResults.Ok(view, 201);
    }

    /// <summary>Reads the multipart upload (version, signature, optional size and sha256, file), checks and stores it, and audits either way.</summary>
    internal static async Task<BundleView> UploadFromFormAsync(HttpContext http, BundleStore store, FleetAudit audit, RolloutOptions options)
    {
        var admin = http.Admin();
        AllowBundleBody(http, options);
        IFormCollection form;
        try
        {
            form = await FormBodies.ReadAsync(http, "multipart/form-data with the bundle as \"file\"");
        }
        catch (FleetProblem p) when (p.Status == 413)
        {
            throw new FleetProblem(413, "bundle-too-large", "The upload is larger than the device's application partition allows.");
        }
        var file = form.Files["file"] ?? throw new FleetProblem(400, "bad-request", "The bundle file (\"file\") is missing.");
        if (file.Length > options.MaxBundleBytes)
            throw new FleetProblem(413, "bundle-too-large", "The bundle is larger than the device's application partition (" + options.MaxBundleBytes + " bytes).");
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, http.RequestAborted);
        long? size = long.TryParse(form["size"].ToString(), out var s) ? s : null;
        var version = form["version"].ToString();
        var municipality = form["municipalityCode"].ToString() is { Length: > 0 } m ? m : null;
        try
        {
            var view = await store.UploadAsync(admin, version, size, form["sha256"].ToString(), form["signature"].ToString(), buffer.ToArray(), municipality,
                http.RequestAborted);
            await audit.RecordAsync(admin.Username, view.MunicipalityCode, "bundle.upload", view.Version + " " + view.Sha256[..12], "ok", http.RequestAborted);
            return view;
        }
        catch (FleetProblem p)
        {
            await audit.RecordAsync(admin.Username, admin.Municipality, "bundle.upload", RolloutRules.IsShortCode(version) ? version : "?", "refused: " + p.Code,
                http.RequestAborted);
            throw;
        }
    }

    /// <summary>Body of <c>POST /fleet/api/rollouts</c>.</summary>
    public sealed record CreateRolloutRequest(string? BundleId, string? MunicipalityCode, string? WindowStart, string? WindowEnd, List<GroupRequest>? Groups);

    private static async Task<IResult> Create(HttpContext http, RolloutService s)
    {
        var r = await FleetResults.ReadAsync<CreateRolloutRequest>(http);
        return FleetResults.Ok(await s.CreateAsync(http.Admin(), r.BundleId, r.MunicipalityCode, r.WindowStart, r.WindowEnd, r.Groups, http.RequestAborted), 201);
    }

    private static async Task<IResult> Get(HttpContext http, string rolloutId, RolloutService s)
        => await s.GetAsync(http.Admin(), rolloutId, http.RequestAborted) is { } view ? FleetResults.Ok(view)
            : throw new FleetProblem(404, "not-found", "No such rollout in your municipality.");

    private static async Task<IResult> Check(HttpContext http, RolloutService s)
    {
        var current = http.Request.Query["current"].ToString();
        if (!RolloutRules.IsShortCode(current)) throw new KioskProblemException("bad-request", "Query \"current\": the running application version (short code).");
        return StrictJson.Json(await s.OfferAsync(http.Device(), current, http.RequestAborted));
    }

    private static async Task<IResult> Download(HttpContext http, string bundleId, RolloutService s)
    {
        Ids.RequireId(bundleId, "not-found");
        var found = await s.DownloadAsync(http.Device(), bundleId, http.RequestAborted)
            ?? throw new KioskProblemException("not-found", "This bundle was not offered to this terminal.");
        // Range requests let the device resume after a dropped connection; the digest as ETag keeps If-Range honest.
        return Results.File(found.Path, "application/octet-stream", entityTag: new EntityTagHeaderValue("\"" + found.Bundle.Sha256 + "\""),
            enableRangeProcessing: true);
    }

    /// <summary>Body of <c>POST /v1/updates/report</c>.</summary>
    public sealed class UpdateReportRequest
    {
        /// <summary>The version the report is about.</summary>
        public required string Version { get; init; }

        /// <summary><c>succeeded</c> or <c>failed</c>.</summary>
        public required string Outcome { get; init; }

        /// <summary>A short reason code (digest-mismatch, self-check-failed, ...).</summary>
        public string? Reason { get; init; }
    }

    private static async Task<IResult> Report(HttpContext http, RolloutService s, IOptions<BridgeOptions> bridge)
    {
        var r = await StrictJson.ReadAsync<UpdateReportRequest>(http, bridge.Value.MaxRequestBodyBytes);
        if (!RolloutRules.IsShortCode(r.Version) || r.Outcome is not ("succeeded" or "failed") || (r.Reason is { } why && !RolloutRules.IsShortCode(why)))
            throw new KioskProblemException("bad-request", "version: short code; outcome: succeeded or failed; reason: short code.");
        var (state, decision) = await s.ReportAsync(http.Device(), r.Version, r.Outcome == "succeeded", r.Reason, http.RequestAborted);
        return StrictJson.Json(new { state, decision });
    }

    private static async ValueTask<object?> ProblemJson(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        try
        {
            return await next(invocation);
        }
        catch (FleetProblem p)
        {
            // problem+json (RFC 9457) with the fleet API's own "error"/"message" members kept for existing clients.
            var body = new Dictionary<string, object?>
            {
                ["type"] = "https://kiosk.invalid/problems/fleet/" + p.Code, ["title"] = p.Message, ["status"] = p.Status, ["error"] = p.Code,
                ["message"] = p.Message,
            };
            return Results.Text(JsonSerializer.Serialize(body), "application/problem+json", statusCode: p.Status);
        }
    }
}
