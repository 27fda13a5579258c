using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Kiosk.Firmware.Simulator.Wiring;

/// <summary>Reads the address a started web app really listens on (ports are picked by the OS).</summary>
internal static class Addresses
{
    /// <summary>The first address with this scheme prefix ("http://" or "https://"), with a trailing slash.</summary>
    public static string Of(WebApplication app, string schemePrefix)
    {
        var feature = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>();
        string? a = feature?.Addresses.FirstOrDefault(x => x.StartsWith(schemePrefix, StringComparison.OrdinalIgnoreCase));
        if (a == null) throw new InvalidOperationException("The service does not listen on " + schemePrefix + " (" + string.Join(", ", feature?.Addresses ?? []) + ").");
        return a.TrimEnd('/') + "/";
    }
}
