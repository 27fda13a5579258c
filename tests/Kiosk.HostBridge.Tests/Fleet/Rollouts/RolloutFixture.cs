using Kiosk.TestSupport;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Kiosk.HostBridge.Fleet.Rollouts;
using Kiosk.HostBridge.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Kiosk.HostBridge.Tests.Fleet.Rollouts;

/// <summary>A clock the tests can move forward (maintenance windows); otherwise the real time.</summary>
public sealed class ShiftableClock : TimeProvider
{
    public TimeSpan Offset { get; set; }

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Offset;

    /// <summary>Moves forward to the next moment whose Asia/Tokyo wall clock shows <paramref name="localTime"/>.</summary>
    public void MoveToTokyo(TimeOnly localTime)
    {
        var tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");
        var now = GetUtcNow();
        var local = TimeZoneInfo.ConvertTime(now, tokyo);
        var wait = localTime.ToTimeSpan() - local.TimeOfDay;
        if (wait <= TimeSpan.Zero) wait += TimeSpan.FromDays(1);
        Offset += wait;
    }
}

/// <summary>
/// A real bridge with the fleet port, a release key generated at run time (public half configured, private half signs test bundles),
/// a seeded fleet-wide admin and a movable clock; helpers to make municipalities, stores and enrolled devices with real certificates.
/// </summary>
public abstract class RolloutFixtureBase : IAsyncLifetime
{
    public const string RootUser = "root";
    public const string RootPassword = "root-password-for-tests";

    public TestPki Pki { get; } = TestPki.Shared;
    private readonly TempFolder _temp = new("kiosk-rollout-", Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools);

    /// <summary>The fixture's temp folder.</summary>
    public string Folder => _temp.Path;
    public BridgeInstance Bridge { get; private set; } = null!;
    public ECDsa ReleaseKey { get; } = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    public ShiftableClock Clock { get; } = new();
    private int _municipality;

    protected abstract DatabaseChoice Database();

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Folder);
        var keyFile = Path.Combine(Folder, "fleet-ca.key.pem");
        File.WriteAllText(keyFile, Pki.FleetCa.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
        var releaseFile = Path.Combine(Folder, "release.pub.pem");
        File.WriteAllText(releaseFile, ReleaseKey.ExportSubjectPublicKeyInfoPem());
        Bridge = await BridgeInstance.StartAsync(Pki, Folder, Database(), BridgeInstance.NewDeploymentKey(),
            new Dictionary<string, string?>
            {
                ["Fleet:Port"] = "0",
                ["Fleet:CaKeyFile"] = keyFile,
                ["Fleet:SeedAdmin:Username"] = RootUser,
                ["Fleet:SeedAdmin:Password"] = RootPassword,
                ["Rollouts:ReleaseKeyFile"] = releaseFile,
            }, services: s => s.AddSingleton<TimeProvider>(Clock));
    }

    public async Task DisposeAsync()
    {
        await Bridge.DisposeAsync();
        _temp.Dispose();
    }

    /// <summary>A municipality code no other test of this fixture uses (one active rollout per municipality).</summary>
    public string NewMunicipality() => "27" + Interlocked.Increment(ref _municipality).ToString("0000");

    public FleetFixtureClient Admin() => new(this);

    /// <summary>Signs version, size and digest with the release key.</summary>
    public string Sign(string version, byte[] content)
        => Convert.ToBase64String(ReleaseKey.SignData(ReleaseBundle.SignedStatement(version, content.Length, Convert.ToHexStringLower(SHA256.HashData(content))),
            HashAlgorithmName.SHA256));

    public static byte[] Content(int size, int seed)
    {
        var b = new byte[size];
        new Random(seed).NextBytes(b);
        return b;
    }
}

/// <summary>The fixtures on each engine.</summary>
public sealed class SqliteRolloutFixture : RolloutFixtureBase
{
    protected override DatabaseChoice Database() => DatabaseChoice.SqliteIn(Folder);
}

/// <summary>The same on a real PostgreSQL.</summary>
public sealed class PostgresRolloutFixture : RolloutFixtureBase
{
    protected override DatabaseChoice Database() => DatabaseChoice.Postgres(Kiosk.TestSupport.PostgresServer.Shared.CreateDatabase("rollout"));
}

/// <summary>Admin calls over the fleet port (bearer token) and device enrolment with real certificates.</summary>
public sealed class FleetFixtureClient(RolloutFixtureBase fixture)
{
    private HttpClient? _client;

    public async Task<HttpClient> ClientAsync()
    {
        if (_client is not null) return _client;
        var (status, json) = await SendAsync(Plain(), HttpMethod.Post, "/fleet/api/login", new { username = RolloutFixtureBase.RootUser, password = RolloutFixtureBase.RootPassword });
        Assert.Equal(HttpStatusCode.OK, status);
        _client = Plain();
        _client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", json.GetProperty("token").GetString());
        return _client;
    }

    /// <summary>Logs in again (after the clock moved past the session's lifetime).</summary>
    public void Forget() => _client = null;

    public HttpClient Plain()
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            SslOptions = new System.Net.Security.SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, _) => fixture.Pki.IsFleetServerCertificate(certificate),
            },
        };
        return new HttpClient(handler) { BaseAddress = fixture.Bridge.FleetUri, Timeout = TimeSpan.FromSeconds(30) };
    }

    public static async Task<(HttpStatusCode Status, JsonElement Json, string? ContentType)> SendWithTypeAsync(HttpClient client, HttpMethod method, string path,
        object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = JsonContent(body);
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length > 0 ? JsonDocument.Parse(text).RootElement.Clone() : default, response.Content.Headers.ContentType?.MediaType);
    }

    public static async Task<(HttpStatusCode Status, JsonElement Json)> SendAsync(HttpClient client, HttpMethod method, string path, object? body = null)
    {
        var (s, j, _) = await SendWithTypeAsync(client, method, path, body);
        return (s, j);
    }

    private static StringContent JsonContent(object body)
        => new(JsonSerializer.Serialize(body), System.Text.Encoding.UTF8, "application/json");

    public async Task<(HttpStatusCode Status, JsonElement Json)> PostAsync(string path, object? body = null)
        => await SendAsync(await ClientAsync(), HttpMethod.Post, path, body);

    public async Task<JsonElement> GetAsync(string path)
    {
        var (status, json) = await SendAsync(await ClientAsync(), HttpMethod.Get, path);
        Assert.Equal(HttpStatusCode.OK, status);
        return json;
    }

    public async Task CreateStoreAsync(string storeId, string municipality)
        => Assert.Equal(HttpStatusCode.Created, (await PostAsync("/fleet/api/stores", new { storeId, municipalityCode = municipality, name = "Store " + storeId })).Status);

    /// <summary>Enrols a device in a store the way kioskctl does (P-256 key, CSR, one-time token); returns its id and certificate with key.</summary>
    public async Task<(string DeviceId, X509Certificate2 Certificate)> EnrolAsync(string storeId)
    {
        var (tokenStatus, tokenJson) = await PostAsync("/fleet/api/stores/" + storeId + "/enrolment-tokens");
        Assert.Equal(HttpStatusCode.Created, tokenStatus);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var csr = new CertificateRequest("CN=candidate", key, HashAlgorithmName.SHA256).CreateSigningRequestPem();
        var (status, json) = await SendAsync(Plain(), HttpMethod.Post, "/v1/enroll", new { token = tokenJson.GetProperty("token").GetString(), csr });
        Assert.Equal(HttpStatusCode.Created, status);
        using var issued = X509Certificate2.CreateFromPem(json.GetProperty("certificate").GetString());
        using var withKey = issued.CopyWithPrivateKey(key);
        return (json.GetProperty("deviceId").GetString()!, X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null));
    }

    /// <summary>Uploads a bundle through the multipart API.</summary>
    public async Task<(HttpStatusCode Status, JsonElement Json, string? ContentType)> UploadAsync(string version, byte[] content, string signature, long? size = null,
        string? sha256 = null, string? municipality = null)
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent(version), "version" },
            { new StringContent(signature), "signature" },
            { new ByteArrayContent(content), "file", "bundle.bin" },
        };
        if (size is { } s) form.Add(new StringContent(s.ToString()), "size");
        if (sha256 is not null) form.Add(new StringContent(sha256), "sha256");
        if (municipality is not null) form.Add(new StringContent(municipality), "municipalityCode");
        using var response = await (await ClientAsync()).PostAsync("/fleet/api/bundles", form);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone(), response.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>Uploads a correctly signed bundle and returns its id.</summary>
    public async Task<string> UploadSignedAsync(string version, byte[] content, string municipality)
    {
        var (status, json, _) = await UploadAsync(version, content, fixture.Sign(version, content), municipality: municipality);
        Assert.Equal(HttpStatusCode.Created, status);
        return json.GetProperty("bundleId").GetString()!;
    }
}
