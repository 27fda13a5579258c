using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Kiosk.HostBridge.Tests.Support;

namespace Kiosk.EndToEnd.Tests.Fuzz.Endpoints.Families;

/// <summary>The terminal's JSON API on the kiosk port: sessions, card authentication, products, orders, heartbeat, certificate renewal, update report.</summary>
public sealed class KioskJsonFamily : EndpointFamily
{
    private const string Heartbeat =
        """{"firmwareVersion":"1.0.0","appVersion":"1.0.0","freeHeap":120000,"largestFreeBlock":60000,"readerState":"ok","printerState":"ok","uptimeSeconds":5,"state":"idle"}""";

    private readonly Dictionary<X509Certificate2, List<string>> _sessions = [];
    private readonly List<string> _orders = [];
    private readonly List<string> _authBodies = [];
    private X509Certificate2[] _live = [];
    private X509Certificate2?[] _other = [];
    private TestPki _pki = null!;

    /// <inheritdoc />
    public override string Name => "kiosk JSON bodies";

    /// <inheritdoc />
    public override IReadOnlyList<RouteSpec> Routes { get; } =
    [
        new("POST", "/v1/sessions", 3), new("POST", "/v1/sessions/{sid}/authenticate", 4), new("GET", "/v1/sessions/{sid}/products", 2),
        new("POST", "/v1/sessions/{sid}/orders", 4), new("DELETE", "/v1/sessions/{sid}"), new("GET", "/v1/orders/{oid}", 2),
        new("POST", "/v1/orders/{oid}/cancel"), new("POST", "/v1/heartbeat", 2), new("GET", "/v1/certificate"), new("POST", "/v1/certificate/renew"),
        new("POST", "/v1/updates/report", 2),
    ];

    /// <inheritdoc />
    public override async Task SetupAsync(InProcessBridge bridge)
    {
        _pki = bridge.Pki;
        _live = [_pki.Device, _pki.OtherDevice];
        _other = [null, _pki.RevokedDevice, _pki.UnenrolledDevice, _pki.ExpiredDevice, _pki.RogueDevice];
        foreach (var device in _live)
        {
            _sessions[device] = [];
            var client = bridge.Client(Door.Kiosk, device);
            var sid = await Wire.OpenAuthenticatedAsync(client, _pki.Card);
            _sessions[device].Add(sid);
            var order = await Wire.OrderAsync(client, sid, Guid.NewGuid().ToString());
            Assert.True(order.Status == System.Net.HttpStatusCode.Created, order.Text);
            _orders.Add(order.Str("orderId"));
        }
        _authBodies.Add("""{"certificate":"AAAA","signature":"AAAA"}""");
    }

    /// <inheritdoc />
    protected override FuzzRequest Build(Random random, RouteSpec route)
    {
        var live = random.Next(6) != 0;
        var cert = live ? _live[random.Next(_live.Length)] : _other[random.Next(_other.Length)];
        var own = cert is not null && _sessions.TryGetValue(cert, out var mine) ? mine : [];
        var sids = random.Next(4) != 0 && own.Count > 0 ? [own[^1]] : _sessions.Values.SelectMany(s => s).ToList();
        var path = route.Pattern.Replace("{sid}", HttpMutator.Segment(random, sids), StringComparison.Ordinal)
            .Replace("{oid}", HttpMutator.Segment(random, _orders), StringComparison.Ordinal);
        if (random.Next(50) == 0) path = HttpMutator.Path(random, route.Pattern, [.. sids, .. _orders]);
        string[] samples = route.Pattern switch
        {
            "/v1/sessions/{sid}/authenticate" => [.. _authBodies],
            "/v1/sessions/{sid}/orders" => [Wire.OrderBody, """{"product":"juminhyo","options":[],"members":["m1","m2"],"copies":2,"year":2026}""", """{"product":"inkan","copies":1}"""],
            "/v1/heartbeat" => [Heartbeat],
            "/v1/updates/report" => ["""{"version":"1.0.0","outcome":"failed","reason":"self-check"}""", """{"version":"2.0.0","outcome":"succeeded"}"""],
            _ => ["{}"],
        };
        var bodyless = route.Method is "GET" or "DELETE" && random.Next(4) != 0 || route.Pattern is "/v1/sessions" or "/v1/certificate/renew" && random.Next(3) == 0;
        var body = bodyless ? [] : random.Next(30) == 0 ? HttpMutator.Binary(random) : HttpMutator.Json(random, samples);
        var headers = new List<KeyValuePair<string, string>>();
        HttpMutator.Headers(random, headers, bodyless ? null : "application/json");
        if (route.Pattern.EndsWith("/orders", StringComparison.Ordinal) && random.Next(3) != 0) headers.Add(new("Idempotency-Key", Guid.NewGuid().ToString()));
        return Request(random, Door.Kiosk, HttpMutator.Method(random, route.Method), path, random.Next(20) == 0 ? HttpMutator.Query(random, [], []) : "",
            headers, body, cert);
    }

    /// <inheritdoc />
    public override Task ObserveAsync(FuzzRequest request, FuzzResponse response)
    {
        if (response.Status is not (200 or 201) || request.Certificate is null || !response.Body.StartsWith('{')) return Task.CompletedTask;
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(response.Body);
        }
        catch (JsonException)
        {
            return Task.CompletedTask;
        }
        using var owned = doc;
        var root = doc.RootElement;
        if (request.Path == "/v1/sessions" && root.TryGetProperty("sessionId", out var sid) && root.TryGetProperty("challenge", out var challenge))
        {
            Remember(_sessions[request.Certificate], sid.GetString()!, 4);
            // A valid authentication for the fresh session, for mutations to start from.
            var card = request.Certificate == _pki.Device ? _pki.Card : _pki.SecondCard;
            Remember(_authBodies, Wire.AuthBody(card, card.Sign(Convert.FromBase64String(challenge.GetString()!))), 6);
        }
        if (root.TryGetProperty("orderId", out var oid) && oid.ValueKind == JsonValueKind.String) Remember(_orders, oid.GetString()!);
        return Task.CompletedTask;
    }
}
