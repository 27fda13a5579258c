using System.Net;
using Dapper;
using Kiosk.HostBridge.Audit;
using Kiosk.HostBridge.Orders;
using Kiosk.HostBridge.Storage;
using Kiosk.HostBridge.Tests.Support;

namespace Kiosk.HostBridge.Tests;

/// <summary>Orders: the whole path to paper, idempotency under concurrency, cancel, and the B7 failures (timeouts, wrong documents).</summary>
public sealed class OrderTests(BridgeFixture fixture) : IClassFixture<BridgeFixture>
{
    private BridgeInstance Bridge => fixture.Bridge;
    private TestPki Pki => fixture.Pki;

    [Fact]
    public async Task Order_is_paid_issued_printed_for_its_own_card_and_audited()
    {
        var client = Bridge.Client(Pki.Device);
        var sid = await Wire.OpenAuthenticatedAsync(client, Pki.Card);
        var placed = await Wire.OrderAsync(client, sid, Guid.NewGuid().ToString());
        Assert.Equal(HttpStatusCode.Created, placed.Status);
        Assert.Equal(200, placed.Json.GetProperty("feeYen").GetInt32());
        var orderId = placed.Str("orderId");
        Assert.StartsWith("P", placed.Str("paymentCode"));

        var final = await Wire.WaitForFinalAsync(client, orderId);
        Assert.Equal("printed", final.Str("state"));

        var job = Assert.Single(Bridge.Printer.Jobs.Values, j => j.OrderId == orderId);
        Assert.Equal(sid, job.SessionId);
        Assert.Equal(Bridge.Get<Privacy.SerialHasher>().Hash(Pki.Card.SerialHex), job.SerialHash);
        var issued = Assert.Single(Bridge.Issuance.Issued, i => i.RequestId == orderId);
        Assert.Equal(Pki.Card.SerialHex, issued.Resident.CertificateSerialHex);
        Assert.Equal(["honseki"], issued.Options);
        Assert.Contains("pay-" + orderId, Bridge.Payments.Captured);

        Assert.Equal(HttpStatusCode.NoContent, (await Wire.SendAsync(client, HttpMethod.Delete, "/v1/sessions/" + sid)).Status);
        Assert.Equal("printed", (await Wire.GetAsync(client, "/v1/orders/" + orderId)).Str("state"));

        var audit = Bridge.Get<AuditLog>();
        var steps = (await audit.ReadAsync(null, CancellationToken.None)).Where(a => a.Entry.OrderId == orderId).Select(a => a.Entry.Step).ToList();
        Assert.Equal(["order", "payment", "issue", "print", "print", "printed"], steps);
        var verification = await audit.VerifyAsync(CancellationToken.None);
        Assert.True(verification.Intact, verification.Problem);
    }

    [Fact]
    public async Task The_same_order_posted_concurrently_makes_one_order()
    {
        var client = Bridge.Client(Pki.Device);
        var sid = await Wire.OpenAuthenticatedAsync(client, Pki.Card);
        var key = Guid.NewGuid().ToString();
        var before = await Bridge.Get<OrderStore>().CountAsync(CancellationToken.None);
        // Separate clients = separate connections, so the requests really overlap on the server.
        var clients = Enumerable.Range(0, 12).Select(_ => Bridge.Client(Pki.Device)).ToList();
        var answers = await Task.WhenAll(clients.Select(c => Wire.OrderAsync(c, sid, key)));
        Assert.All(answers, a => Assert.True(a.Status is HttpStatusCode.Created or HttpStatusCode.OK, a.Text));
        Assert.Single(answers, a => a.Status == HttpStatusCode.Created);
        Assert.Single(answers.Select(a => a.Str("orderId")).Distinct());
        Assert.Single(answers.Select(a => a.Str("paymentCode")).Distinct());
        Assert.Equal(before + 1, await Bridge.Get<OrderStore>().CountAsync(CancellationToken.None));
        var orderId = answers[0].Str("orderId");
        Assert.Equal("printed", (await Wire.WaitForFinalAsync(client, orderId)).Str("state"));
        Assert.Single(Bridge.Printer.Jobs.Values, j => j.OrderId == orderId);
        Assert.Single(Bridge.Payments.Created.Values, o => o == orderId);
    }

    [Fact]
    public async Task A_retry_returns_the_same_order_and_a_different_body_is_refused()
    {
        var client = Bridge.Client(Pki.Device);
        var sid = await Wire.OpenAuthenticatedAsync(client, Pki.Card);
        var key = Guid.NewGuid().ToString();
        var first = await Wire.OrderAsync(client, sid, key);
        var retry = await Wire.OrderAsync(client, sid, key);
        Assert.Equal(HttpStatusCode.Created, first.Status);
        Assert.Equal(HttpStatusCode.OK, retry.Status);
        Assert.Equal(first.Str("orderId"), retry.Str("orderId"));
        var other = await Wire.OrderAsync(client, sid, key, """{"product":"juminhyo","options":[],"members":["m1"],"copies":2}""");
        Wire.AssertProblem(other, HttpStatusCode.Conflict, "idempotency-key-reused");
    }

    [Fact]
    public async Task Refused_products_and_bad_choices_make_no_order()
    {
        var client = Bridge.Client(Pki.Device);
        var sid = await Wire.OpenAuthenticatedAsync(client, Pki.Card);
        var before = await Bridge.Get<OrderStore>().CountAsync(CancellationToken.None);
        Wire.AssertProblem(await Wire.OrderAsync(client, sid, Guid.NewGuid().ToString(), """{"product":"inkan","copies":1}"""),
            HttpStatusCode.Forbidden, "seal-abolished");
        Wire.AssertProblem(await Wire.OrderAsync(client, sid, Guid.NewGuid().ToString(), """{"product":"koseki","copies":1}"""),
            HttpStatusCode.Forbidden, "not-offered");
        Wire.AssertProblem(await Wire.OrderAsync(client, sid, Guid.NewGuid().ToString(), """{"product":"juminhyo","copies":4}"""),
            HttpStatusCode.BadRequest, "bad-request");
        Wire.AssertProblem(await Wire.OrderAsync(client, sid, Guid.NewGuid().ToString(), """{"product":"juminhyo","copies":1,"members":["m9"]}"""),
            HttpStatusCode.BadRequest, "bad-request");
        Assert.Equal(before, await Bridge.Get<OrderStore>().CountAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Order_before_authentication_is_refused()
    {
        var client = Bridge.Client(Pki.Device);
        var (sid, _) = await Wire.OpenAsync(client);
        Wire.AssertProblem(await Wire.OrderAsync(client, sid, Guid.NewGuid().ToString()), HttpStatusCode.Conflict, "session-not-authenticated");
    }

    [Fact]
    public async Task Cancel_before_payment_voids_and_nothing_prints()
    {
        Bridge.Payments.AutoAuthorise = false;
        try
        {
            var client = Bridge.Client(Pki.Device);
            var sid = await Wire.OpenAuthenticatedAsync(client, Pki.Card);
            var orderId = (await Wire.OrderAsync(client, sid, Guid.NewGuid().ToString())).Str("orderId");
            Assert.Equal("awaiting-payment", (await Wire.GetAsync(client, "/v1/orders/" + orderId)).Str("state"));
            var cancelled = await Wire.PostAsync(client, "/v1/orders/" + orderId + "/cancel");
            Assert.Equal(HttpStatusCode.OK, cancelled.Status);
            Assert.Equal("cancelled", cancelled.Str("state"));
            Assert.Contains("pay-" + orderId, Bridge.Payments.Voided);
            Bridge.Payments.Authorised["pay-" + orderId] = 0; // the POS confirms too late
            await Task.Delay(300);
            Assert.Equal("cancelled", (await Wire.GetAsync(client, "/v1/orders/" + orderId)).Str("state"));
            Assert.DoesNotContain(Bridge.Printer.Jobs.Values, j => j.OrderId == orderId);
            Wire.AssertProblem(await Wire.PostAsync(Bridge.Client(Pki.OtherDevice), "/v1/orders/" + orderId + "/cancel"),
                HttpStatusCode.NotFound, "order-not-found");
        }
        finally
        {
            Bridge.Payments.AutoAuthorise = true;
        }
    }

    [Fact]
    public async Task Closing_the_session_cancels_what_is_not_printed()
    {
        Bridge.Payments.AutoAuthorise = false;
        try
        {
            var client = Bridge.Client(Pki.Device);
            var sid = await Wire.OpenAuthenticatedAsync(client, Pki.Card);
            var orderId = (await Wire.OrderAsync(client, sid, Guid.NewGuid().ToString())).Str("orderId");
            Assert.Equal(HttpStatusCode.NoContent, (await Wire.SendAsync(client, HttpMethod.Delete, "/v1/sessions/" + sid)).Status);
            var status = await Wire.GetAsync(client, "/v1/orders/" + orderId);
            Assert.Equal("cancelled", status.Str("state"));
            Assert.Equal("session-closed", status.Str("reason"));
            Wire.AssertProblem(await Wire.GetAsync(client, "/v1/sessions/" + sid + "/products"), HttpStatusCode.NotFound, "session-not-found");
        }
        finally
        {
            Bridge.Payments.AutoAuthorise = true;
        }
    }

    [Fact]
    public async Task A_document_for_another_certificate_is_never_printed()
    {
        Bridge.Issuance.WrongSubjectSerial = Pki.SecondCard.SerialHex;
        try
        {
            var client = Bridge.Client(Pki.Device);
            var sid = await Wire.OpenAuthenticatedAsync(client, Pki.Card);
            var orderId = (await Wire.OrderAsync(client, sid, Guid.NewGuid().ToString())).Str("orderId");
            var final = await Wire.WaitForFinalAsync(client, orderId);
            Assert.Equal("failed", final.Str("state"));
            Assert.Equal("issuance-mismatch", final.Str("reason"));
            Assert.DoesNotContain(Bridge.Printer.Jobs.Values, j => j.OrderId == orderId);
            Assert.Contains("pay-" + orderId, Bridge.Payments.Voided);
            Assert.DoesNotContain("pay-" + orderId, Bridge.Payments.Captured);
        }
        finally
        {
            Bridge.Issuance.WrongSubjectSerial = null;
        }
    }

    [Fact]
    public async Task Printer_out_of_paper_fails_the_order_before_money_is_taken()
    {
        Bridge.Printer.Ready = false;
        try
        {
            var client = Bridge.Client(Pki.Device);
            var sid = await Wire.OpenAuthenticatedAsync(client, Pki.Card);
            var orderId = (await Wire.OrderAsync(client, sid, Guid.NewGuid().ToString())).Str("orderId");
            var final = await Wire.WaitForFinalAsync(client, orderId);
            Assert.Equal("failed", final.Str("state"));
            Assert.Equal("printer-out-of-paper", final.Str("reason"));
            Assert.DoesNotContain("pay-" + orderId, Bridge.Payments.Captured);
        }
        finally
        {
            Bridge.Printer.Ready = true;
        }
    }

    [Fact]
    public async Task Two_residents_at_two_terminals_within_one_second_each_get_their_own_document()
    {
        var a = Bridge.Client(Pki.Device);
        var b = Bridge.Client(Pki.OtherDevice);
        var sidA = await Wire.OpenAuthenticatedAsync(a, Pki.Card);
        var sidB = await Wire.OpenAuthenticatedAsync(b, Pki.SecondCard);
        var placed = await Task.WhenAll(Wire.OrderAsync(a, sidA, Guid.NewGuid().ToString()), Wire.OrderAsync(b, sidB, Guid.NewGuid().ToString()));
        var idA = placed[0].Str("orderId");
        var idB = placed[1].Str("orderId");
        Assert.Equal("printed", (await Wire.WaitForFinalAsync(a, idA)).Str("state"));
        Assert.Equal("printed", (await Wire.WaitForFinalAsync(b, idB)).Str("state"));
        var hasher = Bridge.Get<Privacy.SerialHasher>();
        Assert.Equal(hasher.Hash(Pki.Card.SerialHex), Assert.Single(Bridge.Printer.Jobs.Values, j => j.OrderId == idA).SerialHash);
        Assert.Equal(hasher.Hash(Pki.SecondCard.SerialHex), Assert.Single(Bridge.Printer.Jobs.Values, j => j.OrderId == idB).SerialHash);
        Assert.Equal("doc-" + idA, Bridge.Printer.Jobs.Values.Single(j => j.OrderId == idA).DocumentId);
        Wire.AssertProblem(await Wire.GetAsync(b, "/v1/orders/" + idA), HttpStatusCode.NotFound, "order-not-found");
    }

    [Fact]
    public async Task Nothing_personal_is_stored_or_logged()
    {
        var client = Bridge.Client(Pki.Device);
        var sid = await Wire.OpenAuthenticatedAsync(client, Pki.Card);
        var orderId = (await Wire.OrderAsync(client, sid, Guid.NewGuid().ToString())).Str("orderId");
        await Wire.WaitForFinalAsync(client, orderId);
        await Wire.SendAsync(client, HttpMethod.Delete, "/v1/sessions/" + sid);
        await using var c = await Bridge.Get<IDatabase>().OpenAsync(CancellationToken.None);
        var everything = new System.Text.StringBuilder();
        foreach (var table in new[] { "sessions", "orders", "audit", "devices", "device_heartbeats" })
            foreach (IDictionary<string, object> row in await c.QueryAsync("SELECT * FROM " + table))
                everything.AppendJoin('|', row.Values).Append('\n');
        var dump = everything.ToString();
        var certB64 = Convert.ToBase64String(Pki.Card.Certificate.RawData);
        foreach (var secret in new[] { Pki.Card.SerialHex, certB64[..40], "resident-1", Pki.Card.Certificate.Subject })
        {
            Assert.DoesNotContain(secret, dump, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(secret, Bridge.AllLogs, StringComparison.OrdinalIgnoreCase);
        }
        // After the session ended, even the sealed resident handle is gone.
        Assert.Null(await c.ExecuteScalarAsync<string?>("SELECT sealed_resident FROM sessions WHERE session_id = @sid", new { sid }));
    }
}
