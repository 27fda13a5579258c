using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Kiosk.HostBridge.Tests.Support;

namespace Kiosk.EndToEnd.Tests.Security;

/// <summary>The kiosk port speaks TLS 1.2+ only and requires a device certificate on every version (the ops port is covered by DeviceTlsTests).</summary>
public sealed class BridgeTlsSettingsTests(BridgeFixture fixture) : IClassFixture<BridgeFixture>
{
    private async Task<SslProtocols> HandshakeAsync(SslProtocols protocols, X509Certificate2? device)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, fixture.Bridge.KioskUri.Port);
        await using var ssl = new SslStream(tcp.GetStream());
        await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = "localhost",
            EnabledSslProtocols = protocols,
            ClientCertificates = device is null ? null : new X509CertificateCollection { device },
            RemoteCertificateValidationCallback = (_, _, _, _) => true,
        });
        // TLS 1.3 reports a refused client certificate only on the first read, after the handshake "succeeded".
        var request = "POST /v1/sessions HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}"u8.ToArray();
        await ssl.WriteAsync(request);
        var buffer = new byte[64];
        var read = await ssl.ReadAsync(buffer);
        if (read == 0) throw new IOException("connection closed by the bridge");
        Assert.StartsWith("HTTP/1.1 201", System.Text.Encoding.ASCII.GetString(buffer, 0, read));
        return ssl.SslProtocol;
    }

    [Fact]
    public async Task Tls_1_2_and_1_3_with_an_enrolled_device_certificate_are_accepted()
    {
        Assert.Equal(SslProtocols.Tls12, await HandshakeAsync(SslProtocols.Tls12, fixture.Pki.Device));
        Assert.Equal(SslProtocols.Tls13, await HandshakeAsync(SslProtocols.Tls13, fixture.Pki.Device));
    }

#pragma warning disable SYSLIB0039 // TLS 1.0/1.1 are offered on purpose: the bridge must refuse them.
    [Fact]
    public async Task Tls_1_1_and_1_0_are_refused_even_with_a_valid_device_certificate()
    {
        await Assert.ThrowsAnyAsync<Exception>(() => HandshakeAsync(SslProtocols.Tls11, fixture.Pki.Device));
        await Assert.ThrowsAnyAsync<Exception>(() => HandshakeAsync(SslProtocols.Tls, fixture.Pki.Device));
    }
#pragma warning restore SYSLIB0039

    [Fact]
    public async Task No_client_certificate_is_refused_on_tls_1_2_and_1_3()
    {
        await Assert.ThrowsAnyAsync<Exception>(() => HandshakeAsync(SslProtocols.Tls12, null));
        await Assert.ThrowsAnyAsync<Exception>(() => HandshakeAsync(SslProtocols.Tls13, null));
    }
}
