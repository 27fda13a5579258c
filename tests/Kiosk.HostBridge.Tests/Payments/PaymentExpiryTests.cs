using Kiosk.TestSupport;
using System.Net;
using System.Net.Http.Json;
using Kiosk.HostBridge.Audit;
using Kiosk.HostBridge.Orders;
using Kiosk.HostBridge.Payments;
using Kiosk.HostBridge.Tests.Fleet.Rollouts;
using Kiosk.HostBridge.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Kiosk.HostBridge.Tests.PaymentsTests;

/// <summary>A pay-at-register code that expires unpaid ends its order at once (cancelled, payment-expired, audited, nothing
/// charged), and a code whose order has ended is never confirmed; on a real bridge with the real register provider and a clock
/// the test moves.</summary>
public sealed class PaymentExpiryTests : IAsyncLifetime
{
    private const string StoreKey = "store-key-for-expiry-tests";
    private readonly TestPki _pki = TestPki.Shared;
    private readonly TempFolder _temp = new("kiosk-pay-expiry-", Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools);
    private string _folder => _temp.Path;
    private readonly ShiftableClock _clock = new();
    private BridgeInstance _bridge = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        var payments = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Payments:Mode"] = "register",
            ["Payments:Database:Provider"] = "sqlite",
            ["Payments:Database:ConnectionString"] = "Data Source=" + Path.Combine(_folder, "payments.db") + ";Pooling=False",
            ["Payments:StoreApiKeys:store-1"] = StoreKey,
            ["Payments:StoreApiKeys:store-2"] = StoreKey,
            ["Payments:CodeLifetime"] = "00:01:00",
        }).Build();
        _bridge = await BridgeInstance.StartAsync(_pki, _folder, DatabaseChoice.SqliteIn(_folder), BridgeInstance.NewDeploymentKey(),
            services: s =>
            {
                s.AddSingleton<TimeProvider>(_clock);
                s.AddSingleton<IPaymentAudit, BridgePaymentAudit>();
                s.AddKioskPayments(payments);
            });
        _bridge.Issuance.AddResident(_pki.Card, "resident-1");
    }

    public async Task DisposeAsync()
    {
        await _bridge.DisposeAsync();
        _temp.Dispose();
    }

    private async Task<HttpStatusCode> PosConfirmAsync(string code, int yen)
    {
        var http = _bridge.OpsClient();
        var digits = code.Replace("-", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/store/payments/" + digits + "/confirm") { Content = JsonContent.Create(new { amountYen = yen }) };
        request.Headers.Add(StorePaymentEndpoints.ApiKeyHeader, StoreKey);
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    // The resident's side up to the payment code: an authenticated session and one order awaiting payment.
    private async Task<(HttpClient Client, WireResponse Placed)> PlaceOrderAsync()
    {
        var client = _bridge.Client(_pki.Device);
        var sid = await Wire.OpenAuthenticatedAsync(client, _pki.Card);
        return (client, await Wire.OrderAsync(client, sid, Guid.NewGuid().ToString()));
    }

    [Fact]
    public async Task An_expired_code_cancels_the_order_with_payment_expired_and_charges_nothing()
    {
        var (client, placed) = await PlaceOrderAsync();
        Assert.Equal(HttpStatusCode.Created, placed.Status);
        var orderId = placed.Str("orderId");
        var code = placed.Str("paymentCode");

        // Within the code's lifetime the order waits for the register, however many worker passes go by.
        await Task.Delay(400);
        Assert.Equal("awaiting-payment", (await Wire.GetAsync(client, "/v1/orders/" + orderId)).Str("state"));

        _clock.Offset += TimeSpan.FromSeconds(61);
        var final = await Wire.WaitForFinalAsync(client, orderId, TimeSpan.FromSeconds(10));
        Assert.Equal("cancelled", final.Str("state"));
        Assert.Equal("payment-expired", final.Str("reason"));

        // Nothing charged: the payment is expired, never authorised or captured; the register is refused the late code.
        var payment = await _bridge.Get<IPaymentStore>().FindByOrderAsync(orderId, CancellationToken.None);
        Assert.Equal(PaymentSteps.Expired, payment!.State);
        Assert.Equal(HttpStatusCode.Gone, await PosConfirmAsync(code, placed.Json.GetProperty("feeYen").GetInt32()));
        Assert.Equal("cancelled", (await Wire.GetAsync(client, "/v1/orders/" + orderId)).Str("state"));
        Assert.Empty(_bridge.Printer.Jobs);
        Assert.DoesNotContain(_bridge.Issuance.Issued, i => i.RequestId == orderId);

        var audit = _bridge.Get<AuditLog>();
        var entries = (await audit.ReadAsync(null, CancellationToken.None)).Where(a => a.Entry.OrderId == orderId).ToList();
        Assert.Contains(entries, a => a.Entry.Step == "abort" && a.Entry.Outcome == OrderReasons.PaymentExpired);
        Assert.Contains(entries, a => a.Entry.Step == "payment" && a.Entry.Outcome == PaymentSteps.Expired);
        Assert.True((await audit.VerifyAsync(CancellationToken.None)).Intact);
    }

    [Fact]
    public async Task A_code_paid_in_time_is_not_expired_by_the_clock_moving_on()
    {
        var (client, placed) = await PlaceOrderAsync();
        var orderId = placed.Str("orderId");
        Assert.Equal(HttpStatusCode.OK, await PosConfirmAsync(placed.Str("paymentCode"), placed.Json.GetProperty("feeYen").GetInt32()));
        _clock.Offset += TimeSpan.FromSeconds(61);
        var final = await Wire.WaitForFinalAsync(client, orderId, TimeSpan.FromSeconds(10));
        Assert.Equal("printed", final.Str("state"));
        var payment = await _bridge.Get<IPaymentStore>().FindByOrderAsync(orderId, CancellationToken.None);
        Assert.Equal(PaymentSteps.Captured, payment!.State);
    }

    [Fact]
    public async Task A_code_whose_order_ended_before_its_void_is_refused_at_the_register_and_voided()
    {
        var (client, placed) = await PlaceOrderAsync();
        var orderId = placed.Str("orderId");
        // What a database restart between the two steps of an abort leaves: the order ended, its payment still awaiting.
        await using (var c = new Microsoft.Data.Sqlite.SqliteConnection(DatabaseChoice.SqliteIn(_folder).ConnectionString))
        {
            await c.OpenAsync();
            await using var cmd = c.CreateCommand();
            cmd.CommandText = "UPDATE orders SET state = 'cancelled', reason = 'session-closed', version = version + 1 WHERE order_id = $id";
            cmd.Parameters.AddWithValue("$id", orderId);
            Assert.Equal(1, await cmd.ExecuteNonQueryAsync());
        }
        var store = _bridge.Get<IPaymentStore>();
        Assert.Equal(PaymentSteps.AwaitingPayment, (await store.FindByOrderAsync(orderId, CancellationToken.None))!.State);

        Assert.Equal(HttpStatusCode.Conflict, await PosConfirmAsync(placed.Str("paymentCode"), placed.Json.GetProperty("feeYen").GetInt32()));

        Assert.Equal(PaymentSteps.Voided, (await store.FindByOrderAsync(orderId, CancellationToken.None))!.State);
        Assert.Equal("cancelled", (await Wire.GetAsync(client, "/v1/orders/" + orderId)).Str("state"));
        Assert.Empty(_bridge.Printer.Jobs);
        // Audited like every other refused confirmation, with the void it made.
        var audit = _bridge.Get<AuditLog>();
        var entries = (await audit.ReadAsync(null, CancellationToken.None)).Where(a => a.Entry.OrderId == orderId).ToList();
        Assert.Contains(entries, a => a.Entry.Step == "payment" && a.Entry.Outcome == PaymentSteps.ConfirmRefused);
        Assert.Contains(entries, a => a.Entry.Step == "payment" && a.Entry.Outcome == PaymentSteps.Voided);
    }
}
