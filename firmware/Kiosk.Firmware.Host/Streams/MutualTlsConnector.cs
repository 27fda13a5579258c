using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace Kiosk.Firmware.Host.Streams;

/// <summary>The terminal's connection to the bridge on a host: TCP, then TLS presenting the device certificate and trusting only the
/// fleet CA for the server — what the ESP32 board does with its SslStream, shared by the simulator and the load terminals.</summary>
public static class MutualTlsConnector
{
    /// <summary>Connects and completes the handshake, each within <paramref name="timeoutMs"/>; reads and writes then time out after the same.</summary>
    public static SslStream Connect(string host, int port, string targetHost, X509Certificate2 deviceCertificate, X509Certificate2 fleetCa,
        SslProtocols protocols, int timeoutMs)
    {
        var tcp = new TcpClient { NoDelay = true };
        try
        {
            using (var cts = new CancellationTokenSource(timeoutMs))
                tcp.ConnectAsync(host, port, cts.Token).AsTask().GetAwaiter().GetResult();
            var ssl = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false);
            var policy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
            policy.CustomTrustStore.Add(fleetCa);
            using (var cts = new CancellationTokenSource(timeoutMs))
            {
                ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
                {
                    TargetHost = targetHost,
                    ClientCertificates = [deviceCertificate],
                    CertificateChainPolicy = policy,
                    EnabledSslProtocols = protocols,
                }, cts.Token).GetAwaiter().GetResult();
            }
            ssl.ReadTimeout = timeoutMs;
            ssl.WriteTimeout = timeoutMs;
            return ssl;
        }
        catch
        {
            tcp.Dispose();
            throw;
        }
    }
}
