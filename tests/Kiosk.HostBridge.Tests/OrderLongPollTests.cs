using System.Diagnostics;
using System.Net;
using Kiosk.HostBridge.Orders;
using Kiosk.HostBridge.Storage;
using Kiosk.HostBridge.Tests.Support;

namespace Kiosk.HostBridge.Tests;

/// <summary>Long-polled order status (<c>GET /v1/orders/{oid}?wait=&amp;state=</c>): answers at once on a different state, wakes on a
/// change, answers the same state at the end of the wait, re-reads the database for changes it was not told about, and stops
/// waiting when the terminal hangs up.</summary>
public sealed class OrderLongPollTests(BridgeFixture fixture) : IClassFixture<BridgeFixture>
{
    private BridgeInstance Bridge => fixture.Bridge;
    private OrderChanges Changes => Bridge.Get<OrderStore>().Changes;

    [Fact]
    public async Task A_state_other_than_the_known_one_is_answered_at_once()
    {
        await WithoutAutoPaymentAsync(async client =>
        {
            var orderId = await PlaceAsync(client);
            var clock = Stopwatch.StartNew();
            var answer = await Wire.GetAsync(client, "/v1/orders/" + orderId + "?wait=60000&state=paid");
            Assert.Equal(HttpStatusCode.OK, answer.Status);
            Assert.Equal("awaiting-payment", answer.Str("state"));
            // The wait is cut to the bridge's maximum; answering at once means well before it.
            Assert.True(clock.ElapsedMilliseconds < OrderService.MaxWaitMs, clock.ElapsedMilliseconds + " ms");
        });
    }

    [Fact]
    public async Task A_waiting_poll_answers_with_the_new_state_when_the_order_changes()
    {
        await WithoutAutoPaymentAsync(async client =>
        {
            var orderId = await PlaceAsync(client);
            var poll = Wire.GetAsync(Bridge.Client(Bridge.Pki.Device), "/v1/orders/" + orderId + "?wait=2000&state=awaiting-payment");
            await WaitForWaiterAsync();
            Assert.False(poll.IsCompleted);
            Assert.Equal("cancelled", (await Wire.PostAsync(client, "/v1/orders/" + orderId + "/cancel")).Str("state"));
            var answer = await poll;
            Assert.Equal("cancelled", answer.Str("state"));
            Assert.Equal("cancelled-by-resident", answer.Str("reason"));
        });
    }

    [Fact]
    public async Task A_poll_with_nothing_changing_answers_the_same_state_when_the_wait_ends()
    {
        await WithoutAutoPaymentAsync(async client =>
        {
            var orderId = await PlaceAsync(client);
            var clock = Stopwatch.StartNew();
            var answer = await Wire.GetAsync(client, "/v1/orders/" + orderId + "?wait=700&state=awaiting-payment");
            Assert.Equal(HttpStatusCode.OK, answer.Status);
            Assert.Equal("awaiting-payment", answer.Str("state"));
            Assert.True(clock.ElapsedMilliseconds >= 650, clock.ElapsedMilliseconds + " ms");
            Assert.Equal(0, Changes.Watched);
        });
    }

    [Fact]
    public async Task A_change_made_without_a_signal_is_found_by_the_periodic_re_read()
    {
        await WithoutAutoPaymentAsync(async client =>
        {
            var orderId = await PlaceAsync(client);
            var poll = Wire.GetAsync(Bridge.Client(Bridge.Pki.Device), "/v1/orders/" + orderId + "?wait=2000&state=awaiting-payment");
            await WaitForWaiterAsync();
            // As another bridge instance would: the row changes in the database and this instance is not told.
            var store = Bridge.Get<OrderStore>();
            var row = (await store.GetAsync(orderId, CancellationToken.None))!;
            var database = Bridge.Get<IDatabase>();
            await using (var c = await database.OpenAsync(CancellationToken.None))
                Assert.True(await store.TransitionAsync(c, null, row, OrderStates.Cancelled, "session-closed"));
            var answer = await poll;
            Assert.Equal("cancelled", answer.Str("state"));
        });
    }

    [Fact]
    public async Task A_poll_the_terminal_abandons_stops_waiting()
    {
        await WithoutAutoPaymentAsync(async client =>
        {
            var orderId = await PlaceAsync(client);
            using var hangUp = new CancellationTokenSource();
            var poll = Bridge.Client(Bridge.Pki.Device).GetAsync("/v1/orders/" + orderId + "?wait=2000&state=awaiting-payment", hangUp.Token);
            await WaitForWaiterAsync();
            hangUp.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => poll);
            for (var i = 0; i < 100 && Changes.Watched != 0; i++) await Task.Delay(10);
            Assert.Equal(0, Changes.Watched);
        });
    }

    [Theory]
    [InlineData("?wait=500")]
    [InlineData("?state=paid")]
    [InlineData("?wait=abc&state=paid")]
    [InlineData("?wait=-1&state=paid")]
    [InlineData("?wait=60001&state=paid")]
    [InlineData("?wait=500&state=creating")]
    [InlineData("?wait=500&state=paid&state=printed")]
    public async Task A_malformed_wait_is_a_bad_request(string query)
    {
        var client = Bridge.Client(Bridge.Pki.Device);
        var orderId = await PlaceAsync(client);
        Wire.AssertProblem(await Wire.GetAsync(client, "/v1/orders/" + orderId + query), HttpStatusCode.BadRequest, "bad-request");
    }

    [Fact]
    public async Task Another_devices_order_is_not_found_even_when_waiting()
    {
        await WithoutAutoPaymentAsync(async client =>
        {
            var orderId = await PlaceAsync(client);
            Wire.AssertProblem(await Wire.GetAsync(Bridge.Client(Bridge.Pki.OtherDevice), "/v1/orders/" + orderId + "?wait=500&state=paid"),
                HttpStatusCode.NotFound, "order-not-found");
            Assert.Equal(0, Changes.Watched);
        });
    }

    private async Task<string> PlaceAsync(HttpClient client)
    {
        var sid = await Wire.OpenAuthenticatedAsync(client, Bridge.Pki.Card);
        var placed = await Wire.OrderAsync(client, sid, Guid.NewGuid().ToString());
        Assert.Equal(HttpStatusCode.Created, placed.Status);
        return placed.Str("orderId");
    }

    private async Task WaitForWaiterAsync()
    {
        for (var i = 0; i < 500 && Changes.Watched == 0; i++) await Task.Delay(10);
        Assert.Equal(1, Changes.Watched);
    }

    private async Task WithoutAutoPaymentAsync(Func<HttpClient, Task> body)
    {
        Bridge.Payments.AutoAuthorise = false;
        try
        {
            await body(Bridge.Client(Bridge.Pki.Device));
        }
        finally
        {
            Bridge.Payments.AutoAuthorise = true;
        }
    }
}
