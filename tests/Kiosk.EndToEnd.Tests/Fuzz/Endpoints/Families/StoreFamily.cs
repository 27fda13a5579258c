using System.Text.Json;
using Kiosk.HostBridge.Payments;
using Kiosk.HostBridge.Tests.Support;

namespace Kiosk.EndToEnd.Tests.Fuzz.Endpoints.Families;

/// <summary>The store POS's pay-at-register endpoints: look up a payment code, confirm it with the store's key and the amount.</summary>
public sealed class StoreFamily : EndpointFamily
{
    private readonly List<string> _codes = [];
    private readonly Dictionary<string, int> _fees = [];

    /// <inheritdoc />
    public override string Name => "store bodies";

    /// <inheritdoc />
    public override IReadOnlyList<RouteSpec> Routes { get; } = [new("POST", "/v1/store/payments/{code}/confirm", 3), new("GET", "/v1/store/payments/{code}", 1)];

    /// <inheritdoc />
    public override async Task SetupAsync(InProcessBridge bridge)
    {
        // Real orders from both stores' terminals: their payment codes are what the register types.
        foreach (var (device, card) in new[] { (bridge.Pki.Device, bridge.Pki.Card), (bridge.Pki.OtherDevice, bridge.Pki.SecondCard), (bridge.Pki.Device, bridge.Pki.SecondCard) })
        {
            var client = bridge.Client(Door.Kiosk, device);
            var sid = await Wire.OpenAuthenticatedAsync(client, card);
            var order = await Wire.OrderAsync(client, sid, Guid.NewGuid().ToString());
            Assert.True(order.Status == System.Net.HttpStatusCode.Created, order.Text);
            var code = order.Json.GetProperty("paymentCode").GetString()!;
            _codes.Add(code);
            _fees[code] = order.Json.GetProperty("feeYen").GetInt32();
        }
        _codes.Add(_codes[0].Replace("-", "", StringComparison.Ordinal));
        _codes.AddRange(["0000-0000-0000", "000000000000", "12ab"]);
    }

    /// <inheritdoc />
    protected override FuzzRequest Build(Random random, RouteSpec route)
    {
        var code = HttpMutator.Segment(random, _codes);
        var path = route.Pattern.Replace("{code}", code, StringComparison.Ordinal);
        var fee = _fees.Values.First();
        string[] samples = ["{\"amountYen\":" + fee + "}", "{\"amountYen\":" + (fee + 1) + "}", "{}", """{"amountYen":-1}""", """{"amountYen":99999999999}"""];
        var body = route.Method == "GET" && random.Next(4) != 0 ? [] : random.Next(30) == 0 ? HttpMutator.Binary(random) : HttpMutator.Json(random, samples);
        var headers = new List<KeyValuePair<string, string>>();
        HttpMutator.Headers(random, headers, body.Length > 0 ? "application/json" : null);
        switch (random.Next(6))
        {
            case 0 or 1 or 2:
                headers.Add(new(StorePaymentEndpoints.ApiKeyHeader, InProcessBridge.StoreKey));
                break;
            case 3:
                headers.Add(new(StorePaymentEndpoints.ApiKeyHeader, HttpMutator.Segment(random, [InProcessBridge.StoreKey, InProcessBridge.StoreKey.ToUpperInvariant()])));
                break;
            case 4:
                headers.Add(new(StorePaymentEndpoints.ApiKeyHeader, InProcessBridge.StoreKey));
                headers.Add(new(StorePaymentEndpoints.ApiKeyHeader, "other"));
                break;
        }
        return Request(random, Door.Ops, HttpMutator.Method(random, route.Method), path, random.Next(20) == 0 ? HttpMutator.Query(random, [], []) : "", headers, body);
    }

    /// <inheritdoc />
    public override string? Judge(FuzzRequest request, FuzzResponse response)
    {
        // Only the store's own key, sent once and exactly, may confirm money.
        if (response.Status is >= 200 and < 300 && request.Method == "POST")
        {
            var keys = request.Headers.Where(h => h.Key == StorePaymentEndpoints.ApiKeyHeader).Select(h => h.Value).ToList();
            if (keys.Count != 1 || keys[0] != InProcessBridge.StoreKey) return "a confirmation was accepted without the store's key";
        }
        return null;
    }
}
