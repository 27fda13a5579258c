using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;

namespace Kiosk.EndToEnd.Tests.Fuzz.Endpoints.Families;

/// <summary>The fleet port's JSON API: enrolment, admin login and sessions, stores, tokens, devices, alerts, audit, admins, rollouts, renewals.</summary>
public sealed class FleetApiFamily : EndpointFamily
{
    private readonly List<string> _ids = ["store-1", "store-2", "x"];
    private readonly List<string> _rollouts = ["r-none"];
    private InProcessBridge _bridge = null!;
    private string _token = "";
    private string _csrBody = "";

    /// <inheritdoc />
    public override string Name => "fleet JSON API";

    /// <inheritdoc />
    public override bool NoEchoOnSuccess => false;

    /// <inheritdoc />
    public override IReadOnlyList<RouteSpec> Routes { get; } =
    [
        new("POST", "/v1/enroll", 3), new("POST", "/fleet/api/login", 2), new("POST", "/fleet/api/logout"), new("GET", "/fleet/api/me"),
        new("GET", "/fleet/api/stores"), new("POST", "/fleet/api/stores", 3), new("POST", "/fleet/api/stores/{storeId}/enrolment-tokens", 2),
        new("GET", "/fleet/api/devices"), new("POST", "/fleet/api/devices/{deviceId}/revoke", 2), new("GET", "/fleet/api/alerts"),
        new("GET", "/fleet/api/certificates"), new("GET", "/fleet/api/audit"), new("POST", "/fleet/api/admins", 2), new("GET", "/fleet/api/bundles"),
        new("GET", "/fleet/api/rollouts"), new("POST", "/fleet/api/rollouts", 3), new("GET", "/fleet/api/rollouts/{rolloutId}"),
        new("POST", "/fleet/api/rollouts/{rolloutId}/pause"), new("POST", "/fleet/api/rollouts/{rolloutId}/resume"),
        new("POST", "/fleet/api/rollouts/{rolloutId}/abort"), new("POST", "/fleet/api/rollouts/{rolloutId}/approve"),
        new("POST", "/fleet/api/devices/{deviceId}/renew", 2), new("GET", "/fleet/api/certificates/renewals"),
    ];

    /// <inheritdoc />
    public override async Task SetupAsync(InProcessBridge bridge)
    {
        _bridge = bridge;
        await LoginAsync();
        foreach (var device in bridge.Pki.EnrolledDevices) _ids.Add(device.GetNameInfo(X509NameType.SimpleName, false));
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var csr = new CertificateRequest("CN=fuzz", key, HashAlgorithmName.SHA256).CreateSigningRequestPem();
        var client = bridge.Client(Door.Fleet);
        client.DefaultRequestHeaders.Authorization = new("Bearer", _token);
        var token = await client.PostAsync("/fleet/api/stores/store-1/enrolment-tokens", null);
        Assert.True(token.IsSuccessStatusCode, await token.Content.ReadAsStringAsync());
        var tokenValue = (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
        _csrBody = JsonSerializer.Serialize(new { token = tokenValue, csr });
    }

    // Straight to the admin store: the fuzzer's own wrong-password logins trip the login throttle for this user, which is the throttle working.
    private async Task LoginAsync()
        => _token = (await _bridge.Get<Kiosk.HostBridge.Fleet.AdminStore>().LoginAsync(InProcessBridge.RootUser, InProcessBridge.RootPassword, CancellationToken.None))!.Value.Token;

    /// <inheritdoc />
    protected override FuzzRequest Build(Random random, RouteSpec route)
    {
        var path = route.Pattern.Replace("{storeId}", HttpMutator.Segment(random, _ids), StringComparison.Ordinal)
            .Replace("{deviceId}", HttpMutator.Segment(random, _ids), StringComparison.Ordinal)
            .Replace("{rolloutId}", HttpMutator.Segment(random, _rollouts), StringComparison.Ordinal);
        string[] samples = route.Pattern switch
        {
            "/v1/enroll" => [_csrBody, """{"token":"AAAA","csr":"-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----"}"""],
            "/fleet/api/login" => ["{\"username\":\"" + InProcessBridge.RootUser + "\",\"password\":\"wrong-password\"}", """{"username":"","password":""}"""],
            "/fleet/api/stores" => ["""{"storeId":"fz-1","municipalityCode":"131016","name":"Fuzz store"}"""],
            "/fleet/api/stores/{storeId}/enrolment-tokens" => ["""{"validMinutes":30}""", "{}"],
            "/fleet/api/devices/{deviceId}/revoke" => ["""{"reason":"stolen"}"""],
            "/fleet/api/admins" => ["""{"username":"fz-admin","password":"fuzz-password-123","municipalityCode":"131016"}"""],
            "/fleet/api/rollouts" =>
            [
                """{"bundleId":"b1","municipalityCode":"131016","windowStart":"02:00","windowEnd":"05:00","groups":[{"percent":50,"stores":["store-1"],"successToAdvance":0.8,"failureToPause":0.2,"failureToAbort":0.5,"requiresApproval":true}]}""",
            ],
            _ => ["{}"],
        };
        var bodyless = route.Method == "GET" && random.Next(4) != 0 || route.Pattern.EndsWith("/revoke", StringComparison.Ordinal) && random.Next(3) == 0;
        var body = bodyless ? [] : random.Next(30) == 0 ? HttpMutator.Binary(random) : HttpMutator.Json(random, samples);
        var headers = new List<KeyValuePair<string, string>>();
        HttpMutator.Headers(random, headers, body.Length > 0 ? "application/json" : null);
        // Logging out the live session is rare so most requests still reach the handlers behind the admin filter.
        var live = route.Pattern == "/fleet/api/logout" ? random.Next(50) == 0 : random.Next(5) != 0;
        if (live) headers.Add(new("Authorization", "Bearer " + _token));
        else if (random.Next(3) == 0) headers.Add(new("Cookie", "kiosk_admin=" + (random.Next(2) == 0 ? _token : _token[..^1] + "A")));
        return Request(random, Door.Fleet, HttpMutator.Method(random, route.Method), path, random.Next(20) == 0 ? HttpMutator.Query(random, [], []) : "", headers, body);
    }

    /// <inheritdoc />
    public override async Task ObserveAsync(FuzzRequest request, FuzzResponse response)
    {
        if (request.Path == "/fleet/api/logout" && response.Status < 300 && request.Headers.Any(h => h.Value == "Bearer " + _token)) await LoginAsync();
        if (response.Status is not (200 or 201) || !response.Body.StartsWith('{')) return;
        try
        {
            using var doc = JsonDocument.Parse(response.Body);
            var root = doc.RootElement;
            if (root.TryGetProperty("rolloutId", out var r) && r.ValueKind == JsonValueKind.String) Remember(_rollouts, r.GetString()!);
            if (root.TryGetProperty("deviceId", out var d) && d.ValueKind == JsonValueKind.String) Remember(_ids, d.GetString()!, 24);
            if (root.TryGetProperty("storeId", out var s) && s.ValueKind == JsonValueKind.String) Remember(_ids, s.GetString()!, 24);
        }
        catch (JsonException)
        {
        }
    }
}
