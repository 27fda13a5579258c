using Dapper;
using Kiosk.HostBridge.Devices;
using Kiosk.HostBridge.Hosting;
using Kiosk.HostBridge.Issuance;
using Kiosk.HostBridge.Jpki;
using Kiosk.HostBridge.Printing;
using Kiosk.HostBridge.Storage;

namespace Kiosk.HostBridge.Operations;

/// <summary>/healthz (process alive), /readyz (can serve terminals; each store printer's state), /metrics (Prometheus text).</summary>
public static class OpsEndpoints
{
    /// <summary>Maps the three operator endpoints.</summary>
    public static void MapOps(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", () => Results.Json(new { status = "ok" }));
        app.MapGet("/readyz", Ready);
        app.MapGet("/metrics", (PrometheusExporter exporter) => Results.Text(exporter.Render(), "text/plain; version=0.0.4; charset=utf-8"));
    }

    private static async Task<IResult> Ready(IDatabase database, DeviceTrustCache trust, JpkiTrustAnchors anchors, CrlCache crls,
        IIssuanceBackend issuance, PrinterStates printers, CancellationToken ct)
    {
        var checks = new Dictionary<string, string>();
        try
        {
            await using var c = await database.OpenAsync(ct);
            await c.ExecuteScalarAsync<long>("SELECT 1");
            checks["database"] = "ok";
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            checks["database"] = "unreachable";
        }
        checks["deviceTrust"] = trust.LoadedAt == DateTimeOffset.MinValue ? "not-loaded" : "ok";
        checks["jpkiTrustAnchors"] = anchors.Certificates.Count > 0 ? "ok" : "none-configured";
        checks["crl"] = crls.AllFresh() ? "ok" : "stale-or-missing";
        checks["issuance"] = issuance is UnconfiguredIssuanceBackend ? "not-configured" : "ok";
        var ready = checks.Values.All(v => v == "ok");
        // Reported per printer but not part of readiness: one store's printer out of paper must not take the bridge (and
        // every other store) out of service.
        var printerStates = (await printers.GetAsync(ct)).Select(p => p.ToJson()).ToList();
        return Results.Json(new { status = ready ? "ready" : "not-ready", checks, printers = printerStates }, statusCode: ready ? 200 : 503);
    }
}
