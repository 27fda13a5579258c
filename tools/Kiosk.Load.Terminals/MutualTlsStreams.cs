using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Kiosk.Firmware.Core.Bridge;
using Kiosk.Firmware.Host.Streams;

namespace Kiosk.Load.Terminals;

/// <summary>The terminal's connection to the bridge: TCP plus TLS 1.2/1.3 presenting the device certificate and trusting only the
/// fleet CA for the server, handed to the core as a plain stream (as the ESP32 board hands it its SslStream).</summary>
public sealed class MutualTlsStreams(string host, int port, X509Certificate2 deviceCertificate, X509Certificate2 fleetCa) : IStreamFactory
{
    private int _handshakes;

    /// <summary>Longest wait for TCP connect plus handshake, and for any one read or write afterwards.</summary>
    public int TimeoutMs { get; init; } = 10_000;

    /// <summary>Handshakes completed so far.</summary>
    public int Handshakes => Volatile.Read(ref _handshakes);

    /// <inheritdoc />
    public Stream? Connect()
    {
        var ssl = MutualTlsConnector.Connect(host, port, "localhost", deviceCertificate, fleetCa, SslProtocols.Tls12 | SslProtocols.Tls13, TimeoutMs);
        Interlocked.Increment(ref _handshakes);
        return ssl;
    }
}
