#if HAS_TERMINAL
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Kiosk.Firmware.Core.Bridge;
using Kiosk.Firmware.Host.Streams;

namespace Kiosk.Firmware.Simulator.Wiring;

/// <summary>The simulated board's connection to the bridge: TCP plus TLS with the device certificate, trusting only the fleet CA,
/// handed to the core as a plain <see cref="Stream"/> (as the ESP32 board hands it its SslStream).</summary>
internal sealed class MutualTlsStreamFactory(string host, int port, X509Certificate2 deviceCertificate, X509Certificate2 fleetCa) : IStreamFactory
{
    /// <summary>Longest wait for TCP connect plus handshake, and for any one read or write afterwards.</summary>
    public int TimeoutMs { get; set; } = 15_000;

    /// <summary>Handshakes done (each is one "TLS session" the board would pay for).</summary>
    public int Handshakes { get; private set; }

    /// <inheritdoc />
    public Stream? Connect()
    {
        var ssl = MutualTlsConnector.Connect(host, port, "localhost", deviceCertificate, fleetCa, SslProtocols.Tls12 | SslProtocols.Tls13, TimeoutMs);
        Handshakes++;
        return ssl;
    }
}
#endif
