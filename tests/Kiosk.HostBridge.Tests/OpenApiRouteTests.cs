using System.Text.RegularExpressions;
using Kiosk.HostBridge.Tests.Fleet;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Kiosk.HostBridge.Tests;

/// <summary>docs/kiosk-protocol.openapi.yaml against the routes the running bridge maps: every terminal route (/v1 behind the device
/// certificate) and the fleet renewal routes are documented, and every documented operation exists.</summary>
public sealed class OpenApiRouteTests(FleetFixture fixture) : IClassFixture<FleetFixture>
{
    /// <summary>Fleet admin routes the protocol document carries (the rest of the admin API is in docs/fleet.md).</summary>
    private static readonly string[] DocumentedFleetRoutes = ["POST /fleet/api/devices/{}/renew", "GET /fleet/api/certificates/renewals"];

    private static string Normal(string method, string path) =>
        method.ToUpperInvariant() + " " + Regex.Replace(path.TrimEnd('/'), "{[^}]+}", "{}");

    private static HashSet<string> Documented()
    {
        var dir = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(dir, "Kiosk.sln"))) dir = Path.GetDirectoryName(dir)!;
        var ops = new HashSet<string>();
        string? path = null;
        foreach (var line in File.ReadLines(Path.Combine(dir, "docs", "kiosk-protocol.openapi.yaml")))
        {
            if (line.StartsWith("components:", StringComparison.Ordinal)) break;
            var p = Regex.Match(line, @"^  (/\S*):\s*$");
            if (p.Success) { path = p.Groups[1].Value; continue; }
            var m = Regex.Match(line, @"^    (get|post|put|delete|patch):\s*$");
            if (m.Success && path is not null) ops.Add(Normal(m.Groups[1].Value, path));
        }
        return ops;
    }

    private HashSet<string> Mapped()
    {
        var ops = new HashSet<string>();
        foreach (var e in fixture.Bridge.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var methods = e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [];
            foreach (var method in methods) ops.Add(Normal(method, "/" + e.RoutePattern.RawText!.TrimStart('/')));
        }
        return ops;
    }

    [Fact]
    public void Every_terminal_route_and_the_fleet_renewal_routes_are_documented()
    {
        var documented = Documented();
        var mapped = Mapped();
        // Terminal routes: /v1 on the kiosk port; the store's POS routes and the fleet port's enrolment have their own docs.
        var terminal = mapped.Where(o => o.Split(' ')[1].StartsWith("/v1/", StringComparison.Ordinal)
            && !o.Contains(" /v1/store/", StringComparison.Ordinal) && o != "POST /v1/enroll").ToList();
        Assert.Contains("GET /v1/certificate", terminal);
        Assert.Contains("POST /v1/certificate/renew", terminal);
        foreach (var op in terminal.Concat(DocumentedFleetRoutes)) Assert.True(documented.Contains(op), op + " is mapped but not in docs/kiosk-protocol.openapi.yaml");
    }

    [Fact]
    public void Every_documented_operation_is_mapped()
    {
        var mapped = Mapped();
        var documented = Documented();
        Assert.True(documented.Count >= 15, "only " + documented.Count + " operations read from the document");
        foreach (var op in documented) Assert.True(mapped.Contains(op), op + " is documented but the bridge does not map it");
    }
}
