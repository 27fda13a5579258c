using System.Net;
using System.Security.Authentication;
using Kiosk.HostBridge.Hosting;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace Kiosk.HostBridge.Fleet;

/// <summary>
/// The second HTTPS listener for enrolment, the admin API and the console. It asks for no client certificate (a device being
/// enrolled has none yet), so the device port keeps refusing handshakes without a valid certificate. Connections accepted here
/// are tagged, and fleet routes answer only on tagged connections (never on the device or ops ports).
/// </summary>
public static class FleetListener
{
    private const string Tag = "kiosk.fleet-listener";

    /// <summary>Adds the listener when <see cref="FleetOptions.Port"/> is 0 or more.</summary>
    public static void Listen(KestrelServerOptions kestrel, IPAddress address, FleetOptions options, BridgePaths paths)
    {
        if (options.Port < 0) return;
        kestrel.Listen(address, options.Port, listen =>
        {
            listen.Protocols = HttpProtocols.Http1;
            listen.Use(next => connection =>
            {
                connection.Items[Tag] = true;
                return next(connection);
            });
            listen.UseHttps(new HttpsConnectionAdapterOptions
            {
                ServerCertificate = paths.ServerCertificate,
                ClientCertificateMode = ClientCertificateMode.NoCertificate,
                SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
            });
        });
    }

    /// <summary>True when the request came in on the fleet listener.</summary>
    public static bool IsFleetConnection(HttpContext http)
        => http.Features.Get<IConnectionItemsFeature>()?.Items.ContainsKey(Tag) == true;

    /// <summary>Endpoint filter: 404 for fleet routes reached through any other listener.</summary>
    public static async ValueTask<object?> OnlyOnFleetListener(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
        => IsFleetConnection(invocation.HttpContext) ? await next(invocation) : Results.NotFound();
}
