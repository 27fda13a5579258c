using System.Net;
using Kiosk.HostBridge.Devices;
using Kiosk.HostBridge.Tests.Support;

namespace Kiosk.HostBridge.Tests;

/// <summary>Device identity: only live, enrolled fleet certificates get past the TLS handshake.</summary>
public sealed class DeviceTlsTests(BridgeFixture fixture) : IClassFixture<BridgeFixture>
{
    private BridgeInstance Bridge => fixture.Bridge;

    private async Task AssertRefusedInHandshake(System.Security.Cryptography.X509Certificates.X509Certificate2? certificate)
    {
        var sessionsBefore = await CountSessionsAsync();
        var client = Bridge.Client(certificate);
        await Assert.ThrowsAsync<HttpRequestException>(() => client.PostAsync("/v1/sessions", new StringContent("{}")));
        Assert.Equal(sessionsBefore, await CountSessionsAsync());
    }

    private async Task<long> CountSessionsAsync()
    {
        await using var c = await Bridge.Get<Storage.IDatabase>().OpenAsync(CancellationToken.None);
        return await Dapper.SqlMapper.ExecuteScalarAsync<long>(c, "SELECT COUNT(*) FROM sessions");
    }

    [Fact]
    public async Task Enrolled_device_opens_a_session()
    {
        var r = await Wire.PostAsync(Bridge.Client(fixture.Pki.Device), "/v1/sessions");
        Assert.Equal(HttpStatusCode.Created, r.Status);
        Assert.Equal(32, Convert.FromBase64String(r.Str("challenge")).Length);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", r.Str("expiresAt"));
    }

    [Fact]
    public Task No_client_certificate_is_refused() => AssertRefusedInHandshake(null);

    [Fact]
    public Task Certificate_from_an_unknown_CA_is_refused() => AssertRefusedInHandshake(fixture.Pki.RogueDevice);

    [Fact]
    public Task Expired_device_certificate_is_refused() => AssertRefusedInHandshake(fixture.Pki.ExpiredDevice);

    [Fact]
    public Task Revoked_device_certificate_is_refused() => AssertRefusedInHandshake(fixture.Pki.RevokedDevice);

    [Fact]
    public Task Unenrolled_fleet_certificate_is_refused() => AssertRefusedInHandshake(fixture.Pki.UnenrolledDevice);

    [Fact]
    public void Validator_names_the_reason()
    {
        var validator = Bridge.Get<DeviceCertificateValidator>();
        Assert.Null(validator.Check(fixture.Pki.Device));
        Assert.Equal("untrusted", validator.Check(fixture.Pki.RogueDevice));
        Assert.Equal("expired", validator.Check(fixture.Pki.ExpiredDevice));
        Assert.Equal("revoked", validator.Check(fixture.Pki.RevokedDevice));
        Assert.Equal("not-enrolled", validator.Check(fixture.Pki.UnenrolledDevice));
    }

    [Fact]
    public void A_kept_alive_connection_is_refused_once_its_certificate_expires_or_is_revoked()
    {
        // The chain is built once per connection; validity and the fleet's list are still checked on every request.
        var now = DateTimeOffset.UtcNow;
        using var device = DevPki.FleetCertificates.IssueDevice(fixture.Pki.FleetCa, "term-conn-expiry", now.AddDays(-1), now.AddHours(1));
        var clock = new SettableClock(now);
        var validator = new DeviceCertificateValidator(fixture.Pki.FleetCa, Bridge.Get<DeviceTrustCache>(), clock, Bridge.Get<Operations.BridgeMetrics>(),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<DeviceCertificateValidator>.Instance);
        var connection = new Dictionary<object, object?>();
        Assert.Equal("not-enrolled", validator.CheckOnConnection(device, connection));
        Assert.Empty(connection);   // a refused certificate is not remembered as checked

        Assert.Null(validator.CheckOnConnection(fixture.Pki.Device, connection));
        Assert.Single(connection);
        Assert.Null(validator.CheckOnConnection(fixture.Pki.Device, connection));
        clock.Now = fixture.Pki.Device.NotAfter.ToUniversalTime().AddSeconds(1);
        Assert.Equal("expired", validator.CheckOnConnection(fixture.Pki.Device, connection));
        clock.Now = now;
        Assert.Null(validator.CheckOnConnection(fixture.Pki.Device, connection));
        // Another certificate on the same items (never happens on one TLS connection) is checked in full.
        Assert.Equal("revoked", validator.CheckOnConnection(fixture.Pki.RevokedDevice, connection));
    }

    private sealed class SettableClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Fact]
    public async Task Revocation_at_runtime_ends_even_an_open_keep_alive_connection()
    {
        var now = DateTimeOffset.UtcNow;
        using var device = DevPki.FleetCertificates.IssueDevice(fixture.Pki.FleetCa, "term-runtime-revoke", now.AddDays(-1), now.AddYears(1));
        var registry = Bridge.Get<DeviceRegistry>();
        await registry.EnrollAsync("term-runtime-revoke", "store-1", device.SerialNumber, device.NotAfter.ToUniversalTime(), CancellationToken.None);
        await Bridge.Get<DeviceTrustCache>().RefreshAsync(CancellationToken.None);
        var client = Bridge.Client(device);
        Assert.Equal(HttpStatusCode.Created, (await Wire.PostAsync(client, "/v1/sessions")).Status);

        var connections = Bridge.Connections;
        Assert.Equal(HttpStatusCode.Created, (await Wire.PostAsync(client, "/v1/sessions")).Status);
        Assert.Equal(connections, Bridge.Connections);
        await registry.RevokeAsync(device.SerialNumber, "stolen", CancellationToken.None);
        await Bridge.Get<DeviceTrustCache>().RefreshAsync(CancellationToken.None);

        // Same pooled connection: the per-request check refuses it.
        Wire.AssertProblem(await Wire.PostAsync(client, "/v1/sessions"), HttpStatusCode.Unauthorized, "unauthenticated-device");
        // A new connection does not get through the handshake.
        await AssertRefusedInHandshake(device);
    }

    [Fact]
    public async Task Ops_port_serves_health_without_a_device_but_not_the_kiosk_api()
    {
        var ops = Bridge.OpsClient();
        Assert.Equal(HttpStatusCode.OK, (await ops.GetAsync("/healthz")).StatusCode);
        var r = await Wire.PostAsync(ops, "/v1/sessions");
        Wire.AssertProblem(r, HttpStatusCode.Unauthorized, "unauthenticated-device");
    }
}
