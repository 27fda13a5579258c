using System.Net;
using Kiosk.HostBridge.Audit;
using Kiosk.HostBridge.Devices;
using Kiosk.HostBridge.Tests.Support;
using Kiosk.TestSupport;

namespace Kiosk.HostBridge.Tests;

/// <summary>Two bridge instances (two real Kestrel servers with real mTLS) on one PostgreSQL, sharing nothing in memory.</summary>
public sealed class ScaleOutTests : IAsyncLifetime
{
    private readonly TestPki _pki = TestPki.Shared;
    private readonly TempFolder _folder = new("kiosk-scaleout-");
    private BridgeInstance _a = null!;
    private BridgeInstance _b = null!;

    public async Task InitializeAsync()
    {
        var database = DatabaseChoice.Postgres(PostgresServer.Shared.CreateDatabase("scaleout"));
        var key = BridgeInstance.NewDeploymentKey();
        // One municipality, one printer, one payment service behind both instances, as in a real store network.
        var issuance = new FakeIssuanceBackend();
        var printer = new FakePrinter();
        var payments = new FakePayments();
        issuance.AddResident(_pki.Card, "resident-1");
        issuance.AddResident(_pki.SecondCard, "resident-2");
        var started = await Task.WhenAll(
            BridgeInstance.StartAsync(_pki, _folder.Path, database, key, issuance: issuance, printer: printer, payments: payments),
            BridgeInstance.StartAsync(_pki, _folder.Path, database, key, issuance: issuance, printer: printer, payments: payments));
        (_a, _b) = (started[0], started[1]);
    }

    public async Task DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task A_terminal_moves_between_instances_in_the_middle_of_a_session()
    {
        var onA = _a.Client(_pki.Device);
        var onB = _b.Client(_pki.Device);
        var (sid, challenge) = await Wire.OpenAsync(onA);
        Assert.Equal(HttpStatusCode.OK, (await Wire.AuthenticateAsync(onB, sid, _pki.Card, challenge)).Status);
        // The replay goes to the other instance: the used challenge lives in the database, not in either process.
        Wire.AssertProblem(await Wire.AuthenticateAsync(onA, sid, _pki.Card, challenge), HttpStatusCode.Conflict, "challenge-used");
        Assert.Equal(HttpStatusCode.OK, (await Wire.GetAsync(onA, "/v1/sessions/" + sid + "/products")).Status);
        var key = Guid.NewGuid().ToString();
        var placed = await Wire.OrderAsync(onB, sid, key);
        Assert.Equal(HttpStatusCode.Created, placed.Status);
        var retryOnA = await Wire.OrderAsync(onA, sid, key);
        Assert.Equal(HttpStatusCode.OK, retryOnA.Status);
        Assert.Equal(placed.Str("orderId"), retryOnA.Str("orderId"));
        var final = await Wire.WaitForFinalAsync(onA, placed.Str("orderId"));
        Assert.Equal("printed", final.Str("state"));
        Assert.Single(_a.Printer.Jobs.Values, j => j.OrderId == placed.Str("orderId"));
        Assert.Equal(HttpStatusCode.NoContent, (await Wire.SendAsync(onB, HttpMethod.Delete, "/v1/sessions/" + sid)).Status);
        Wire.AssertProblem(await Wire.GetAsync(onA, "/v1/sessions/" + sid + "/products"), HttpStatusCode.NotFound, "session-not-found");
    }

    [Fact]
    public async Task Duplicate_orders_sent_to_both_instances_at_once_make_one_order_and_one_print()
    {
        var sid = await Wire.OpenAuthenticatedAsync(_a.Client(_pki.Device), _pki.Card);
        var key = Guid.NewGuid().ToString();
        var clients = Enumerable.Range(0, 10).Select(i => (i % 2 == 0 ? _a : _b).Client(_pki.Device)).ToList();
        var answers = await Task.WhenAll(clients.Select(c => Wire.OrderAsync(c, sid, key)));
        Assert.All(answers, r => Assert.True(r.Status is HttpStatusCode.Created or HttpStatusCode.OK, r.Text));
        Assert.Single(answers, r => r.Status == HttpStatusCode.Created);
        var orderId = Assert.Single(answers.Select(r => r.Str("orderId")).Distinct());
        Assert.Equal("printed", (await Wire.WaitForFinalAsync(clients[1], orderId)).Str("state"));
        // Both instances' workers saw the order; exactly one issued and printed it.
        Assert.Single(_a.Issuance.Issued, i => i.RequestId == orderId);
        Assert.Single(_a.Printer.Jobs.Values, j => j.OrderId == orderId);
        var verification = await _b.Get<AuditLog>().VerifyAsync(CancellationToken.None);
        Assert.True(verification.Intact, verification.Problem);
    }

    [Fact]
    public async Task Two_terminals_on_two_instances_within_one_second_each_get_their_own_document()
    {
        var t1 = _a.Client(_pki.Device);
        var t2 = _b.Client(_pki.OtherDevice);
        var sessions = await Task.WhenAll(Wire.OpenAuthenticatedAsync(t1, _pki.Card), Wire.OpenAuthenticatedAsync(t2, _pki.SecondCard));
        var placed = await Task.WhenAll(Wire.OrderAsync(t1, sessions[0], Guid.NewGuid().ToString()),
            Wire.OrderAsync(t2, sessions[1], Guid.NewGuid().ToString()));
        var hasher = _a.Get<Privacy.SerialHasher>();
        foreach (var (client, answer, card) in new[] { (t1, placed[0], _pki.Card), (t2, placed[1], _pki.SecondCard) })
        {
            var orderId = answer.Str("orderId");
            Assert.Equal("printed", (await Wire.WaitForFinalAsync(client, orderId)).Str("state"));
            var job = Assert.Single(_a.Printer.Jobs.Values, j => j.OrderId == orderId);
            Assert.Equal(hasher.Hash(card.SerialHex), job.SerialHash);
            Assert.Equal(card.SerialHex, Assert.Single(_a.Issuance.Issued, i => i.RequestId == orderId).Resident.CertificateSerialHex);
        }
    }

    [Fact]
    public async Task A_revocation_made_through_one_instance_is_enforced_by_the_other()
    {
        var now = DateTimeOffset.UtcNow;
        using var device = DevPki.FleetCertificates.IssueDevice(_pki.FleetCa, "term-scale-revoke", now.AddDays(-1), now.AddYears(1));
        await _a.Get<DeviceRegistry>().EnrollAsync("term-scale-revoke", "store-1", device.SerialNumber, device.NotAfter.ToUniversalTime(),
            CancellationToken.None);
        await Task.Delay(500); // both instances refresh every 200 ms
        Assert.Equal(HttpStatusCode.Created, (await Wire.PostAsync(_b.Client(device), "/v1/sessions")).Status);
        await _a.Get<DeviceRegistry>().RevokeAsync(device.SerialNumber, "stolen", CancellationToken.None);
        await Task.Delay(500);
        await Assert.ThrowsAsync<HttpRequestException>(() => _b.Client(device).PostAsync("/v1/sessions", new StringContent("{}")));
        Assert.Equal("revoked", _b.Get<DeviceCertificateValidator>().Check(device));
    }
}
