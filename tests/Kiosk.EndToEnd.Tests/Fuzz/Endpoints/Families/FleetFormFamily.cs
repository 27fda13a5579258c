using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;

namespace Kiosk.EndToEnd.Tests.Fuzz.Endpoints.Families;

/// <summary>The fleet console: its pages and its form posts (login, stores, tokens, revoke, renew, rollouts), with the session cookie and Origin.</summary>
public sealed class FleetFormFamily : EndpointFamily
{
    private static readonly KeyValuePair<string, string>[] NoFields = [];
    private readonly List<string> _ids = ["store-1", "store-2"];
    private readonly List<string> _rollouts = ["r-none"];
    private InProcessBridge _bridge = null!;
    private string _token = "";

    /// <inheritdoc />
    public override string Name => "fleet form posts";

    /// <inheritdoc />
    public override bool HtmlAllowed => true;

    /// <inheritdoc />
    public override bool NoEchoOnSuccess => false;

    /// <inheritdoc />
    public override IReadOnlyList<RouteSpec> Routes { get; } =
    [
        new("GET", "/fleet"), new("POST", "/fleet/login", 2), new("POST", "/fleet/logout"), new("POST", "/fleet/stores", 3), new("POST", "/fleet/tokens", 2),
        new("POST", "/fleet/revoke", 2), new("POST", "/fleet/renew", 2), new("GET", "/fleet/rollouts"), new("GET", "/fleet/rollouts/{rolloutId}"),
        new("POST", "/fleet/rollouts/create", 3), new("POST", "/fleet/rollouts/{rolloutId}/{action}", 2),
    ];

    /// <inheritdoc />
    public override async Task SetupAsync(InProcessBridge bridge)
    {
        _bridge = bridge;
        await LoginAsync();
        foreach (var device in bridge.Pki.EnrolledDevices) _ids.Add(device.GetNameInfo(X509NameType.SimpleName, false));
    }

    // Straight to the admin store: the fuzzer's own wrong-password logins trip the login throttle for this user, which is the throttle working.
    private async Task LoginAsync()
        => _token = (await _bridge.Get<Kiosk.HostBridge.Fleet.AdminStore>().LoginAsync(InProcessBridge.RootUser, InProcessBridge.RootPassword, CancellationToken.None))!.Value.Token;

    private static KeyValuePair<string, string>[] F(params string[] pairs)
        => Enumerable.Range(0, pairs.Length / 2).Select(i => new KeyValuePair<string, string>(pairs[2 * i], pairs[2 * i + 1])).ToArray();

    /// <inheritdoc />
    protected override FuzzRequest Build(Random random, RouteSpec route)
    {
        var path = route.Pattern.Replace("{rolloutId}", HttpMutator.Segment(random, _rollouts), StringComparison.Ordinal)
            .Replace("{action}", HttpMutator.Segment(random, ["pause", "resume", "abort", "approve"]), StringComparison.Ordinal);
        IReadOnlyList<KeyValuePair<string, string>>[] samples = route.Pattern switch
        {
            "/fleet/login" => [F("username", InProcessBridge.RootUser, "password", "wrong-password"), F("username", "", "password", "")],
            "/fleet/stores" => [F("storeId", "fz-2", "municipalityCode", "131016", "name", "Fuzz")],
            "/fleet/tokens" => [F("storeId", "store-1"), F("storeId", "store-2")],
            "/fleet/revoke" => [F("deviceId", _ids[^1], "reason", "fuzz"), F("deviceId", "%00", "reason", "")],
            "/fleet/renew" => [F("deviceId", _ids[^1])],
            "/fleet/rollouts/create" =>
            [
                F("bundleId", "b1", "municipalityCode", "131016", "windowStart", "02:00", "windowEnd", "05:00", "g0.targets", "store-1", "g0.success", "80",
                    "g0.pause", "20", "g0.abort", "50", "g0.approval", "1", "g1.targets", "100%"),
            ],
            _ => [NoFields],
        };
        var bodyless = route.Method == "GET" && random.Next(4) != 0;
        var body = bodyless ? [] : random.Next(30) == 0 ? HttpMutator.Binary(random) : HttpMutator.Form(random, samples);
        var headers = new List<KeyValuePair<string, string>>();
        HttpMutator.Headers(random, headers, body.Length > 0 ? "application/x-www-form-urlencoded" : null, "https://" + InProcessBridge.FleetHost);
        var live = route.Pattern == "/fleet/logout" ? random.Next(50) == 0 : random.Next(5) != 0;
        if (live) headers.Add(new("Cookie", "kiosk_admin=" + _token));
        return Request(random, Door.Fleet, HttpMutator.Method(random, route.Method), path, random.Next(20) == 0 ? HttpMutator.Query(random, [], []) : "", headers, body);
    }

    /// <inheritdoc />
    public override async Task ObserveAsync(FuzzRequest request, FuzzResponse response)
    {
        if (request.Path == "/fleet/logout" && response.Status < 400 && request.Headers.Any(h => h.Value == "kiosk_admin=" + _token)) await LoginAsync();
        if (response.Location is { } location && location.StartsWith("/fleet/rollouts/", StringComparison.Ordinal)) Remember(_rollouts, location["/fleet/rollouts/".Length..]);
    }
}
