using System.Security.Authentication;
using Kiosk.Firmware.Core.Bridge;
using Kiosk.Firmware.Host.Streams;

namespace Kiosk.Kioskctl.Commands.Renew;

/// <summary>The bundle's mutual-TLS connection to the bridge, as the board makes it (TLS 1.2, the fleet CA as the only root).</summary>
public sealed class BundleTlsStreams(RenewalBundle bundle, Uri bridge, int timeoutMs) : IStreamFactory
{
    /// <summary>Why the last connection failed, or null.</summary>
    public string? LastError { get; private set; }

    /// <inheritdoc />
    public Stream? Connect()
    {
        try
        {
            return MutualTlsConnector.Connect(bridge.Host, bridge.Port, bridge.Host, bundle.Device, bundle.FleetCa, SslProtocols.Tls12, timeoutMs);
        }
        catch (Exception e)
        {
            LastError = e.InnerException?.Message ?? e.Message;
            throw;
        }
    }
}
