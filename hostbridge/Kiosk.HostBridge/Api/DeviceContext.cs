using Kiosk.HostBridge.Devices;

namespace Kiosk.HostBridge.Api;

/// <summary>Resolves the calling terminal from its TLS client certificate (the only device identity in the protocol).</summary>
public static class DeviceContext
{
    private const string ItemKey = "kiosk.device";

    /// <summary>The device of this request (set by <see cref="RequireDevice"/>).</summary>
    public static DeviceRecord Device(this HttpContext context) => (DeviceRecord)context.Items[ItemKey]!;

    /// <summary>Endpoint filter: 401 unauthenticated-device unless the connection carries a live, enrolled fleet certificate.</summary>
    public static async ValueTask<object?> RequireDevice(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var http = invocation.HttpContext;
        var certificate = http.Connection.ClientCertificate;
        if (certificate is null) return ProblemResponses.Result("unauthenticated-device");
        // Checked again per request: a revocation must also end keep-alive connections that were accepted before it.
        var refusal = http.RequestServices.GetRequiredService<DeviceCertificateValidator>()
            .CheckOnConnection(certificate, http.Features.Get<Microsoft.AspNetCore.Connections.Features.IConnectionItemsFeature>()?.Items);
        if (refusal is not null)
        {
            // Close the kept-alive connection too: the terminal's next request then needs a new handshake, which is refused.
            http.Response.Headers.Connection = "close";
            return ProblemResponses.Result("unauthenticated-device");
        }
        var lookup = http.RequestServices.GetRequiredService<DeviceTrustCache>().Lookup(certificate.SerialNumber);
        if (lookup.Device is null) return ProblemResponses.Result("unauthenticated-device");
        http.Items[ItemKey] = lookup.Device;
        return await next(invocation);
    }
}
