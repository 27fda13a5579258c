#if HAS_TERMINAL
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Kiosk.Firmware.Core.Bridge;
using Kiosk.Firmware.Host.Streams;
using Kiosk.Firmware.Simulator.Orchestration;

namespace Kiosk.Firmware.Simulator.Wiring;

/// <summary>
/// The board's link to an external bridge with a provisioned bundle: TCP plus TLS 1.2 (as the ESP32's mbedTLS speaks it, so a
/// refused client certificate fails the handshake itself) and a record of every handshake, so one can see what the terminal saw.
/// </summary>
public sealed class BundleStreamFactory(DeviceBundle bundle) : IStreamFactory, IBridgeLinkView
{
    private readonly object _gate = new();
    private X509Certificate2 _certificate = bundle.DeviceCertificate;

    /// <summary>The certificate the next connection presents (replaced after a renewal).</summary>
    public X509Certificate2 Certificate
    {
        get { lock (_gate) return _certificate; }
        set { lock (_gate) _certificate = value; }
    }

    /// <summary>Longest wait for connect plus handshake, and for any one read or write afterwards.</summary>
    public int TimeoutMs { get; set; } = 15_000;

    /// <summary>Connections the bridge accepted (its first answer arrived).</summary>
    public int Handshakes { get; private set; }

    /// <summary>Connections refused in or right after the handshake (bridge down, or the bridge refused the certificate).</summary>
    public int RefusedHandshakes { get; private set; }

    /// <summary>Why the last handshake failed, or null.</summary>
    public string? LastRefusal { get; private set; }

    /// <inheritdoc />
    public Stream? Connect()
    {
        try
        {
            var ssl = MutualTlsConnector.Connect(bundle.BridgeUrl.Host, bundle.BridgeUrl.Port, bundle.BridgeUrl.Host, Certificate, bundle.FleetCa,
                SslProtocols.Tls12, TimeoutMs);
            // The bridge judges the client certificate when the handshake is complete on its side, so a refusal reaches the
            // terminal as an alert on its first read: only the first answer proves the connection was accepted.
            return new FirstReadWatch(ssl, Accepted, Refused);
        }
        catch (Exception e)
        {
            Refused(e);
            throw;
        }
    }

    private void Accepted()
    {
        lock (_gate) Handshakes++;
    }

    private void Refused(Exception e)
    {
        lock (_gate)
        {
            RefusedHandshakes++;
            LastRefusal = e.GetType().Name + ": " + (e.InnerException?.Message ?? e.Message);
        }
    }
}
#endif
