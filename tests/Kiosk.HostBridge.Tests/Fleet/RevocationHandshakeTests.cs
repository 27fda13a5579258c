using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Kiosk.HostBridge.Tests.Fleet;

/// <summary>
/// Revocation through the admin API is a refusal at the TLS layer, not an HTTP answer: measured with a raw <see cref="SslStream"/> so no HTTP
/// client can hide which layer said no.
/// </summary>
public sealed class RevocationHandshakeTests(FleetFixture fixture) : IClassFixture<FleetFixture>
{
    private async Task<SslStream> HandshakeAsync(X509Certificate2 device, SslProtocols protocol)
    {
        var tcp = new TcpClient { NoDelay = true };
        await tcp.ConnectAsync(fixture.Bridge.KioskUri.Host, fixture.Bridge.KioskUri.Port);
        var ssl = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false);
        var policy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
        policy.CustomTrustStore.Add(fixture.Pki.FleetCa);
        try
        {
            await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = "localhost", ClientCertificates = [device], CertificateChainPolicy = policy, EnabledSslProtocols = protocol,
            });
        }
        catch
        {
            await ssl.DisposeAsync();
            tcp.Dispose();
            throw;
        }
        return ssl;
    }

    /// <summary>Opens a session over the raw stream and returns whatever the bridge answers (empty when the connection is dropped).</summary>
    private static async Task<string> FirstBytesAsync(SslStream ssl)
    {
        var request = Encoding.ASCII.GetBytes("POST /v1/sessions HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}");
        var buffer = new byte[4096];
        try
        {
            await ssl.WriteAsync(request);
            var n = await ssl.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(20));
            return Encoding.ASCII.GetString(buffer, 0, n);
        }
        catch (Exception e) when (e is IOException or AuthenticationException)
        {
            return "";
        }
    }

    /// <summary>Connects with the certificate and says how it ended: an HTTP status line, or the TLS-layer refusal.</summary>
    private async Task<string> AttemptAsync(X509Certificate2 device, SslProtocols protocol)
    {
        SslStream ssl;
        try
        {
            ssl = await HandshakeAsync(device, protocol);
        }
        catch (Exception e) when (e is AuthenticationException or IOException)
        {
            return "handshake failed: " + e.GetType().Name;
        }
        await using (ssl)
        {
            var answer = await FirstBytesAsync(ssl);
            return answer.Length == 0 ? "closed before any HTTP byte" : answer;
        }
    }

    private async Task<long> CountSessionsAsync()
    {
        await using var c = await fixture.Bridge.Get<Storage.IDatabase>().OpenAsync(CancellationToken.None);
        return await Dapper.SqlMapper.ExecuteScalarAsync<long>(c, "SELECT COUNT(*) FROM sessions");
    }

    [Theory]
    [InlineData(SslProtocols.Tls12)]
    [InlineData(SslProtocols.Tls13)]
    public async Task After_revocation_the_TLS_layer_refuses_and_no_HTTP_request_is_served(SslProtocols protocol)
    {
        var admin = await fixture.LoginAsync(FleetFixture.RootUser, FleetFixture.RootPassword);
        var (_, json, device) = await fixture.EnrolAsync(await fixture.CreateTokenAsync(admin, "store-1"));
        var deviceId = json.GetProperty("deviceId").GetString()!;

        // Before: the same raw client gets an HTTP answer, so the check below can fail.
        Assert.StartsWith("HTTP/1.1 201", await AttemptAsync(device!, protocol));

        var (status, _) = await FleetFixture.SendAsync(admin, HttpMethod.Post, "/fleet/api/devices/" + deviceId + "/revoke", new { reason = "stolen" });
        Assert.Equal(HttpStatusCode.OK, status);

        // Whether the client's side of the handshake fails or completes first (OpenSSL judges the client certificate as the handshake ends),
        // the server's refusal is at the TLS layer: no status line, not even a 401/403, and no handler ran.
        var sessions = await CountSessionsAsync();
        var after = await AttemptAsync(device!, protocol);
        Assert.True(after.StartsWith("handshake failed", StringComparison.Ordinal) || after == "closed before any HTTP byte", after);
        Assert.Equal(sessions, await CountSessionsAsync());
    }
}
