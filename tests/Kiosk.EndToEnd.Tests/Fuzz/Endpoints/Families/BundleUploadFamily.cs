using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Kiosk.HostBridge.Fleet.Rollouts;

namespace Kiosk.EndToEnd.Tests.Fuzz.Endpoints.Families;

/// <summary>The multipart bundle upload, through the admin API (problem+json) and the console (pages): fields, file part and framing mutated.</summary>
public sealed class BundleUploadFamily : EndpointFamily
{
    private readonly List<(KeyValuePair<string, string>[] Fields, byte[] File)> _samples = [];
    private string _token = "";

    /// <inheritdoc />
    public override string Name => "multipart bundle upload";

    /// <inheritdoc />
    public override bool HtmlAllowed => true;

    /// <inheritdoc />
    public override bool NoEchoOnSuccess => false;

    /// <inheritdoc />
    public override IReadOnlyList<RouteSpec> Routes { get; } = [new("POST", "/fleet/api/bundles", 2), new("POST", "/fleet/rollouts/bundles", 1)];

    /// <inheritdoc />
    public override async Task SetupAsync(InProcessBridge bridge)
    {
        var r = await bridge.Client(Door.Fleet).PostAsJsonAsync("/fleet/api/login", new { username = InProcessBridge.RootUser, password = InProcessBridge.RootPassword });
        Assert.True(r.IsSuccessStatusCode, await r.Content.ReadAsStringAsync());
        _token = (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
        for (var i = 0; i < 4; i++)
        {
            var content = new byte[64 + 97 * i];
            new Random(i).NextBytes(content);
            var version = "3." + i + ".0";
            var sha = Convert.ToHexStringLower(SHA256.HashData(content));
            var signature = Convert.ToBase64String(bridge.ReleaseKey.SignData(ReleaseBundle.SignedStatement(version, content.Length, sha), HashAlgorithmName.SHA256));
            _samples.Add(([new("version", version), new("signature", signature), new("size", content.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new("sha256", sha), new("municipalityCode", "131016")], content));
        }
    }

    /// <inheritdoc />
    protected override FuzzRequest Build(Random random, RouteSpec route)
    {
        var (fields, file) = _samples[random.Next(_samples.Count)];
        var boundary = random.Next(10) == 0 ? HttpMutator.Segment(random, ["b", new string('-', 80)]) : "fuzz-boundary-" + random.Next(1000);
        var body = random.Next(20) == 0 ? HttpMutator.Binary(random) : HttpMutator.Multipart(random, boundary, fields, file);
        var headers = new List<KeyValuePair<string, string>>();
        HttpMutator.Headers(random, headers, "multipart/form-data; boundary=" + boundary, "https://" + InProcessBridge.FleetHost);
        if (random.Next(5) != 0) headers.Add(route.Pattern.StartsWith("/fleet/api", StringComparison.Ordinal) ? new("Authorization", "Bearer " + _token) : new("Cookie", "kiosk_admin=" + _token));
        return Request(random, Door.Fleet, HttpMutator.Method(random, route.Method), route.Pattern, random.Next(20) == 0 ? HttpMutator.Query(random, [], []) : "", headers, body);
    }
}
