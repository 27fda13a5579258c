using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Kiosk.HostBridge.Fleet.Rollouts;
using Kiosk.HostBridge.Tests.Support;

namespace Kiosk.EndToEnd.Tests.Fuzz.Endpoints.Families;

/// <summary>The terminal's update check (query parser) and the bundle download (Range, If-Range) of a bundle really offered to it.</summary>
public sealed class UpdatesFamily : EndpointFamily
{
    private readonly List<string> _bundles = [];
    private byte[] _content = [];

    /// <inheritdoc />
    public override string Name => "updates Range header";

    /// <inheritdoc />
    public override IReadOnlyList<RouteSpec> Routes { get; } = [new("GET", "/v1/updates", 1), new("GET", "/v1/updates/bundles/{bundleId}", 4)];

    /// <inheritdoc />
    public override async Task SetupAsync(InProcessBridge bridge)
    {
        var login = await bridge.Client(Door.Fleet).PostAsJsonAsync("/fleet/api/login", new { username = InProcessBridge.RootUser, password = InProcessBridge.RootPassword });
        Assert.True(login.IsSuccessStatusCode, await login.Content.ReadAsStringAsync());
        var admin = bridge.Client(Door.Fleet);
        admin.DefaultRequestHeaders.Authorization = new("Bearer", (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString());
        _content = new byte[5000];
        new Random(7).NextBytes(_content);
        var sha = Convert.ToHexStringLower(SHA256.HashData(_content));
        using var form = new MultipartFormDataContent
        {
            { new StringContent("4.0.0"), "version" },
            { new StringContent(Convert.ToBase64String(bridge.ReleaseKey.SignData(ReleaseBundle.SignedStatement("4.0.0", _content.Length, sha), HashAlgorithmName.SHA256))), "signature" },
            { new StringContent("131016"), "municipalityCode" },
            { new ByteArrayContent(_content), "file", "bundle.bin" },
        };
        var upload = await admin.PostAsync("/fleet/api/bundles", form);
        var uploaded = await upload.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(upload.IsSuccessStatusCode, uploaded.ToString());
        var bundleId = uploaded.GetProperty("bundleId").GetString()!;
        var rollout = await admin.PostAsJsonAsync("/fleet/api/rollouts", new
        {
            bundleId, municipalityCode = "131016",
            groups = new[] { new { percent = 100, successToAdvance = 1.0, failureToPause = 0.5, failureToAbort = 1.0, requiresApproval = false } },
        });
        Assert.True(rollout.IsSuccessStatusCode, await rollout.Content.ReadAsStringAsync());
        foreach (var device in new[] { bridge.Pki.Device, bridge.Pki.OtherDevice })
        {
            var offer = await Wire.GetAsync(bridge.Client(Door.Kiosk, device), "/v1/updates?current=1.0.0");
            Assert.True(offer.Status == System.Net.HttpStatusCode.OK && offer.Text.Contains(bundleId, StringComparison.Ordinal), offer.Text);
        }
        _bundles.AddRange([bundleId, sha, "x"]);
    }

    /// <inheritdoc />
    protected override FuzzRequest Build(Random random, RouteSpec route)
    {
        var download = route.Pattern.Contains("{bundleId}", StringComparison.Ordinal);
        var path = route.Pattern.Replace("{bundleId}", HttpMutator.Segment(random, _bundles), StringComparison.Ordinal);
        var query = download ? random.Next(20) == 0 ? HttpMutator.Query(random, [], []) : ""
            : random.Next(8) == 0 ? "?current=1.0.0" : HttpMutator.Query(random, ["current"], ["1.0.0", "4.0.0", "0.0.1", "1.0", "1.0.0.0", "v1", "1.0.0-rc1"]);
        var headers = new List<KeyValuePair<string, string>>();
        if (download && random.Next(5) != 0) headers.Add(new("Range", HttpMutator.Range(random)));
        if (download && random.Next(6) == 0) headers.Add(new("If-Range", random.Next(2) == 0 ? "\"" + _bundles[1] + "\"" : HttpMutator.Segment(random, ["\"x\"", "W/\"x\""])));
        if (random.Next(8) == 0) headers.Add(new("If-None-Match", "\"" + _bundles[1] + "\""));
        HttpMutator.Headers(random, headers, null);
        var body = random.Next(15) == 0 ? HttpMutator.Binary(random) : [];
        var cert = random.Next(8) switch { 0 => null, 1 => InProcessBridgePki.Revoked, 2 => InProcessBridgePki.Unenrolled, 3 => InProcessBridgePki.Other, _ => InProcessBridgePki.Device };
        return Request(random, Door.Kiosk, HttpMutator.Method(random, route.Method), path, query, headers, body, cert);
    }

    /// <inheritdoc />
    public override string? Judge(FuzzRequest request, FuzzResponse response)
    {
        // A partial answer says which part it is; a range the bundle cannot satisfy is 416, never a 200 with other bytes.
        if (response.Status == 206 && response.Headers.ContentRange.Count == 0) return "206 without Content-Range";
        return null;
    }
}

/// <summary>The test PKI's device certificates, named for the fuzz families.</summary>
internal static class InProcessBridgePki
{
    public static System.Security.Cryptography.X509Certificates.X509Certificate2 Device => TestPki.Shared.Device;
    public static System.Security.Cryptography.X509Certificates.X509Certificate2 Other => TestPki.Shared.OtherDevice;
    public static System.Security.Cryptography.X509Certificates.X509Certificate2 Revoked => TestPki.Shared.RevokedDevice;
    public static System.Security.Cryptography.X509Certificates.X509Certificate2 Unenrolled => TestPki.Shared.UnenrolledDevice;
}
