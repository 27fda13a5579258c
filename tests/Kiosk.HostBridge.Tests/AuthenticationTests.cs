using System.Net;
using Dapper;
using Kiosk.HostBridge.Audit;
using Kiosk.HostBridge.Storage;
using Kiosk.HostBridge.Tests.Support;

namespace Kiosk.HostBridge.Tests;

/// <summary>The card proves possession by signing the session challenge; every refusal the issue lists is covered here.</summary>
public sealed class AuthenticationTests(BridgeFixture fixture) : IClassFixture<BridgeFixture>
{
    private BridgeInstance Bridge => fixture.Bridge;
    private TestPki Pki => fixture.Pki;

    [Fact]
    public async Task Good_card_authenticates_and_gets_a_receipt_code_and_products()
    {
        var client = Bridge.Client(Pki.Device);
        var (sid, challenge) = await Wire.OpenAsync(client);
        var r = await Wire.AuthenticateAsync(client, sid, Pki.Card, challenge);
        Assert.Equal(HttpStatusCode.OK, r.Status);
        Assert.Equal("131016", r.Str("municipalityCode"));
        Assert.Equal("Chiyoda", r.Str("municipalityName"));
        Assert.Matches("^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$", r.Str("receiptCode"));

        var products = await Wire.GetAsync(client, "/v1/sessions/" + sid + "/products");
        Assert.Equal(HttpStatusCode.OK, products.Status);
        var list = products.Json.GetProperty("products");
        Assert.Equal("juminhyo", list[0].GetProperty("code").GetString());
        Assert.Equal("seal-abolished", list[1].GetProperty("reason").GetString());

        // Only the keyed serial hash is stored: neither the serial nor the certificate appears in the session row.
        await using var c = await Bridge.Get<IDatabase>().OpenAsync(CancellationToken.None);
        var row = string.Join("|", (IDictionary<string, object>)await c.QuerySingleAsync("SELECT * FROM sessions WHERE session_id = @sid", new { sid }));
        Assert.DoesNotContain(Pki.Card.SerialHex, row, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(Bridge.Get<Privacy.SerialHasher>().Hash(Pki.Card.SerialHex), row);
        Assert.DoesNotContain(Pki.Card.SerialHex, Bridge.AllLogs, StringComparison.OrdinalIgnoreCase);
    }

    private async Task AssertRefused(TestCard card, Func<byte[], byte[]> sign, HttpStatusCode status, string code)
    {
        var client = Bridge.Client(Pki.Device);
        var (sid, challenge) = await Wire.OpenAsync(client);
        var r = await Wire.PostAsync(client, "/v1/sessions/" + sid + "/authenticate", Wire.AuthBody(card, sign(challenge)));
        Wire.AssertProblem(r, status, code);
        // Nothing authenticated: the session cannot list products.
        Wire.AssertProblem(await Wire.GetAsync(client, "/v1/sessions/" + sid + "/products"), HttpStatusCode.Conflict, "session-not-authenticated");
        var audit = await Bridge.Get<AuditLog>().ReadAsync(null, CancellationToken.None);
        Assert.Contains(audit, a => a.Entry.SessionId == sid && a.Entry.Step == "authenticate" && a.Entry.Outcome == code);
    }

    [Fact]
    public Task Wrong_signature_is_refused()
        => AssertRefused(Pki.Card, ch => Pki.SecondCard.Sign(ch), HttpStatusCode.Unauthorized, "signature-invalid");

    [Fact]
    public async Task Signature_over_another_sessions_challenge_is_refused()
    {
        var other = Bridge.Client(Pki.OtherDevice);
        var (_, otherChallenge) = await Wire.OpenAsync(other);
        await AssertRefused(Pki.Card, _ => Pki.Card.Sign(otherChallenge), HttpStatusCode.Unauthorized, "signature-invalid");
    }

    [Fact]
    public Task Expired_card_certificate_is_refused()
        => AssertRefused(Pki.ExpiredCard, Pki.ExpiredCard.Sign, HttpStatusCode.Unauthorized, "certificate-expired");

    [Fact]
    public Task Revoked_card_certificate_is_refused()
        => AssertRefused(Pki.RevokedCard, Pki.RevokedCard.Sign, HttpStatusCode.Unauthorized, "certificate-revoked");

    [Fact]
    public Task Card_from_an_unknown_issuer_is_refused()
        => AssertRefused(Pki.RogueCard, Pki.RogueCard.Sign, HttpStatusCode.Unauthorized, "certificate-untrusted");

    [Fact]
    public Task Garbage_certificate_is_refused()
        => AssertRefused(new TestCard(Pki.JpkiCa, Pki.Card.Key), Pki.Card.Sign, HttpStatusCode.Unauthorized, "signature-invalid");

    [Fact]
    public async Task Certificate_with_bytes_after_it_is_refused_though_the_signature_is_good()
    {
        // Found by the long fuzz run: the X.509 loader ignores trailing bytes, so the good certificate plus junk passed.
        var client = Bridge.Client(Pki.Device);
        var (sid, challenge) = await Wire.OpenAsync(client);
        var padded = Pki.Card.Certificate.RawData.Concat(new byte[] { 0x00, 0x31 }).ToArray();
        var body = "{\"certificate\":\"" + Convert.ToBase64String(padded) + "\",\"signature\":\"" + Convert.ToBase64String(Pki.Card.Sign(challenge)) + "\"}";
        Wire.AssertProblem(await Wire.PostAsync(client, "/v1/sessions/" + sid + "/authenticate", body), HttpStatusCode.Unauthorized, "certificate-untrusted");
    }

    [Fact]
    public async Task Card_unknown_to_the_municipality_is_refused()
    {
        // A valid, trusted, unrevoked card whose resident the municipality does not know: refused, never resolved any other way.
        var stranger = TestPki.IssueCard(Pki.JpkiCa, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        await AssertRefused(stranger, stranger.Sign, HttpStatusCode.Forbidden, "resident-not-found");
    }

    [Fact]
    public async Task Replayed_authenticate_is_refused()
    {
        var client = Bridge.Client(Pki.Device);
        var (sid, challenge) = await Wire.OpenAsync(client);
        var body = Wire.AuthBody(Pki.Card, Pki.Card.Sign(challenge));
        Assert.Equal(HttpStatusCode.OK, (await Wire.PostAsync(client, "/v1/sessions/" + sid + "/authenticate", body)).Status);
        Wire.AssertProblem(await Wire.PostAsync(client, "/v1/sessions/" + sid + "/authenticate", body), HttpStatusCode.Conflict, "challenge-used");
    }

    [Fact]
    public async Task A_failed_attempt_uses_up_the_challenge()
    {
        var client = Bridge.Client(Pki.Device);
        var (sid, challenge) = await Wire.OpenAsync(client);
        Wire.AssertProblem(await Wire.PostAsync(client, "/v1/sessions/" + sid + "/authenticate", Wire.AuthBody(Pki.Card, Pki.SecondCard.Sign(challenge))),
            HttpStatusCode.Unauthorized, "signature-invalid");
        Wire.AssertProblem(await Wire.AuthenticateAsync(client, sid, Pki.Card, challenge), HttpStatusCode.Conflict, "challenge-used");
    }

    [Fact]
    public async Task Session_of_another_device_does_not_exist_for_the_caller()
    {
        var mine = Bridge.Client(Pki.Device);
        var theirs = Bridge.Client(Pki.OtherDevice);
        var (sid, challenge) = await Wire.OpenAsync(theirs);
        Wire.AssertProblem(await Wire.AuthenticateAsync(mine, sid, Pki.Card, challenge), HttpStatusCode.NotFound, "session-not-found");
        Assert.Equal(HttpStatusCode.OK, (await Wire.AuthenticateAsync(theirs, sid, Pki.Card, challenge)).Status);
        Wire.AssertProblem(await Wire.GetAsync(mine, "/v1/sessions/" + sid + "/products"), HttpStatusCode.NotFound, "session-not-found");
        Wire.AssertProblem(await Wire.OrderAsync(mine, sid, Guid.NewGuid().ToString()), HttpStatusCode.NotFound, "session-not-found");
        Wire.AssertProblem(await Wire.SendAsync(mine, HttpMethod.Delete, "/v1/sessions/" + sid), HttpStatusCode.NotFound, "session-not-found");
        Assert.Equal(HttpStatusCode.OK, (await Wire.GetAsync(theirs, "/v1/sessions/" + sid + "/products")).Status);
    }

    [Fact]
    public async Task Opening_a_new_session_closes_the_previous_one()
    {
        var client = Bridge.Client(Pki.OtherDevice);
        var first = await Wire.OpenAuthenticatedAsync(client, Pki.Card);
        var (second, _) = await Wire.OpenAsync(client);
        Assert.NotEqual(first, second);
        Wire.AssertProblem(await Wire.GetAsync(client, "/v1/sessions/" + first + "/products"), HttpStatusCode.NotFound, "session-not-found");
        await using var c = await Bridge.Get<IDatabase>().OpenAsync(CancellationToken.None);
        Assert.Equal(1, await c.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM sessions WHERE device_id = 'term-b' AND state IN ('open', 'authenticated')"));
        Assert.Null(await c.ExecuteScalarAsync<string?>("SELECT sealed_resident FROM sessions WHERE session_id = @first", new { first }));
    }

    [Fact]
    public async Task Concurrent_opens_from_one_device_leave_one_active_session()
    {
        var client = Bridge.Client(Pki.OtherDevice);
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Wire.PostAsync(client, "/v1/sessions")));
        Assert.All(results, r => Assert.Equal(HttpStatusCode.Created, r.Status));
        await using var c = await Bridge.Get<IDatabase>().OpenAsync(CancellationToken.None);
        Assert.Equal(1, await c.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM sessions WHERE device_id = 'term-b' AND state IN ('open', 'authenticated')"));
    }
}
