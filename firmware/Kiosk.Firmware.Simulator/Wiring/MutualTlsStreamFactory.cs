#if HAS_TERMINAL
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Kiosk.Firmware.Core.Bridge;

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
        var tcp = new TcpClient { NoDelay = true };
        try
        {
            using (var cts = new CancellationTokenSource(TimeoutMs))
                tcp.ConnectAsync(host, port, cts.Token).AsTask().GetAwaiter().GetResult();
            var ssl = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false);
            var policy = new X509ChainPolicy
            {
                TrustMode = X509ChainTrustMode.CustomRootTrust,
                RevocationMode = X509RevocationMode.NoCheck,
            };
            policy.CustomTrustStore.Add(fleetCa);
            using (var cts = new CancellationTokenSource(TimeoutMs))
            {
                ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
                {
                    TargetHost = "localhost",
                    ClientCertificates = [deviceCertificate],
                    CertificateChainPolicy = policy,
                    EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                }, cts.Token).GetAwaiter().GetResult();
            }
            ssl.ReadTimeout = TimeoutMs;
            ssl.WriteTimeout = TimeoutMs;
            Handshakes++;
            return ssl;
        }
        catch
        {
            tcp.Dispose();
            throw;
        }
    }
}
#endif
