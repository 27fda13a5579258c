using Kiosk.TestSupport;
using System.Net;
using Kiosk.HostBridge.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Kiosk.EndToEnd.Tests.Security;

/// <summary>Authentication attempts are limited per device and per card certificate, counted in the database (shared by instances).</summary>
public sealed class AuthRateLimitTests : IAsyncLifetime
{
    private readonly TempFolder _temp = new("kiosk-ratelimit-", Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools);
    private string _folder => _temp.Path;
    private readonly string _key = BridgeInstance.NewDeploymentKey();
    private BridgeInstance _first = null!;
    private BridgeInstance _second = null!;

    private static readonly Dictionary<string, string?> Limits = new()
    {
        ["Bridge:AuthRateLimit:Window"] = "01:00:00",
        ["Bridge:AuthRateLimit:PerDevice"] = "6",
        ["Bridge:AuthRateLimit:PerCertificate"] = "4",
    };

    public async Task InitializeAsync()
    {
        // Two instances over one database: the limit must hold across them, as behind a load balancer.
        var db = DatabaseChoice.SqliteIn(_folder);
        _first = await BridgeInstance.StartAsync(TestPki.Shared, _folder, db, _key, Limits);
        _second = await BridgeInstance.StartAsync(TestPki.Shared, _folder, db, _key, Limits, issuance: _first.Issuance, printer: _first.Printer,
            payments: _first.Payments);
        _first.Issuance.AddResident(TestPki.Shared.Card, "r1");
        _first.Issuance.AddResident(TestPki.Shared.SecondCard, "r2");
    }

    public async Task DisposeAsync()
    {
        await _first.DisposeAsync();
        await _second.DisposeAsync();
        _temp.Dispose();
    }

    private static async Task<WireResponse> AttemptAsync(HttpClient client, TestCard card)
    {
        var (sid, challenge) = await Wire.OpenAsync(client);
        return await Wire.AuthenticateAsync(client, sid, card, challenge);
    }

    [Fact]
    public async Task Per_certificate_limit_holds_across_devices_and_instances_and_leaves_the_session_usable()
    {
        var pki = TestPki.Shared;
        var a = _first.Client(pki.Device);
        var b = _second.Client(pki.OtherDevice);
        for (var i = 0; i < 4; i++) Assert.Equal(HttpStatusCode.OK, (await AttemptAsync(i % 2 == 0 ? a : b, pki.Card)).Status);

        // The fifth attempt with the same card, on another device and instance, is refused before the signature is checked.
        var (sid, challenge) = await Wire.OpenAsync(b);
        Wire.AssertProblem(await Wire.AuthenticateAsync(b, sid, pki.Card, challenge), (HttpStatusCode)429, "rate-limited");
        // Another card on the same device still authenticates in the same session: the challenge was not spent by the refusal.
        Assert.Equal(HttpStatusCode.OK, (await Wire.AuthenticateAsync(b, sid, pki.SecondCard, challenge)).Status);
    }

    [Fact]
    public async Task Per_device_limit_counts_every_attempt_including_bad_signatures()
    {
        var pki = TestPki.Shared;
        using var device = HostBridge.DevPki.FleetCertificates.IssueDevice(pki.FleetCa, "term-limit", DateTimeOffset.UtcNow.AddDays(-1),
            DateTimeOffset.UtcNow.AddYears(1));
        await _first.Get<HostBridge.Devices.DeviceRegistry>().EnrollAsync("term-limit", "store-1", device.SerialNumber, device.NotAfter.ToUniversalTime(),
            CancellationToken.None);
        await _first.Get<HostBridge.Devices.DeviceTrustCache>().RefreshAsync(CancellationToken.None);
        await _second.Get<HostBridge.Devices.DeviceTrustCache>().RefreshAsync(CancellationToken.None);
        var clients = new[] { _first.Client(device), _second.Client(device) };
        for (var i = 0; i < 6; i++)
        {
            // Fresh (never enrolled with the municipality) cards: each certificate is under its own limit, only the device counts up.
            var card = TestPki.IssueCard(pki.JpkiCa, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
            var (sid, challenge) = await Wire.OpenAsync(clients[i % 2]);
            var r = await Wire.PostAsync(clients[i % 2], "/v1/sessions/" + sid + "/authenticate", Wire.AuthBody(card, pki.SecondCard.Sign(challenge)));
            Wire.AssertProblem(r, HttpStatusCode.Unauthorized, "signature-invalid");
        }
        var fresh = TestPki.IssueCard(pki.JpkiCa, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        Wire.AssertProblem(await AttemptAsync(clients[0], fresh), (HttpStatusCode)429, "rate-limited");
        Wire.AssertProblem(await AttemptAsync(clients[1], pki.SecondCard), (HttpStatusCode)429, "rate-limited");
        // Other devices are not affected.
        Assert.Equal(HttpStatusCode.OK, (await AttemptAsync(_first.Client(pki.Device), pki.SecondCard)).Status);
    }
}
