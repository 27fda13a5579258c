using Kiosk.HostBridge.Api;
using Kiosk.HostBridge.Configuration;
using Microsoft.Extensions.Options;

namespace Kiosk.HostBridge.Fleet.Renewal;

/// <summary>
/// Renewal routes. The device's are on the kiosk (mTLS) port, not the fleet port: the handshake with the current certificate is the
/// proof of possession of the key being re-certified, and the terminal keeps its single TLS connection (its memory budget allows one).
/// </summary>
public static class RenewalApi
{
    /// <summary>Maps <c>GET /v1/certificate</c> and <c>POST /v1/certificate/renew</c> behind the device filter.</summary>
    public static void MapDeviceRenewal(this IEndpointRouteBuilder app)
    {
        var v1 = app.MapGroup("/v1/certificate").AddEndpointFilter(DeviceContext.RequireDevice);
        v1.MapGet("", Status);
        v1.MapPost("/renew", Renew);
    }

    /// <summary>Maps the admin API's renewal flag and overview on the fleet admin group.</summary>
    public static void MapAdminRenewal(this RouteGroupBuilder api)
    {
        api.MapPost("/devices/{deviceId}/renew", async (HttpContext http, string deviceId, CertificateRenewal renewal, Inventory inventory) =>
        {
            await renewal.FlagAsync(http.Admin(), deviceId, inventory, http.RequestAborted);
            return FleetResults.Ok(new { deviceId, flagged = true });
        });
        api.MapGet("/certificates/renewals", async (HttpContext http, CertificateRenewal renewal) =>
            FleetResults.Ok(await renewal.OverviewAsync(http.Admin(), http.RequestAborted)));
    }

    private sealed record RenewRequest;

    private static long MaxBody(HttpContext c) => c.RequestServices.GetRequiredService<IOptions<BridgeOptions>>().Value.MaxRequestBodyBytes;

    private static async Task<IResult> Status(HttpContext http, CertificateRenewal renewal)
        => StrictJson.Json(await renewal.StatusAsync(http.Device(), http.Connection.ClientCertificate!, http.RequestAborted));

    private static async Task<IResult> Renew(HttpContext http, CertificateRenewal renewal)
    {
        await StrictJson.ReadAsync<RenewRequest>(http, MaxBody(http), emptyMeansEmptyObject: true);
        try
        {
            return StrictJson.Json(await renewal.RenewAsync(http.Device(), http.Connection.ClientCertificate!, http.RequestAborted));
        }
        catch (DeviceRevokedException)
        {
            return ProblemResponses.Result("unauthenticated-device");
        }
    }
}
