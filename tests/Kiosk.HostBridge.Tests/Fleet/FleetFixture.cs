using Kiosk.TestSupport;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Kiosk.HostBridge.Tests.Support;

namespace Kiosk.HostBridge.Tests.Fleet;

/// <summary>A real bridge with the fleet listener on, the test fleet CA key for enrolment, and a seeded fleet-wide admin.</summary>
public class FleetFixture : IAsyncLifetime
{
    public const string RootUser = "root";
    public const string RootPassword = "root-password-for-tests";

    public TestPki Pki { get; } = TestPki.Shared;
    private readonly TempFolder _temp = new("kiosk-fleet-", Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools);

    /// <summary>The fixture's temp folder.</summary>
    public string Folder => _temp.Path;
    public BridgeInstance Bridge { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Folder);
        var keyFile = Path.Combine(Folder, "fleet-ca.key.pem");
        File.WriteAllText(keyFile, Pki.FleetCa.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
        Bridge = await BridgeInstance.StartAsync(Pki, Folder, ChooseDatabase(), BridgeInstance.NewDeploymentKey(),
            new Dictionary<string, string?>
            {
                ["Fleet:Port"] = "0",
                ["Fleet:CaKeyFile"] = keyFile,
                ["Fleet:KioskUrl"] = "https://kiosk.example:8443",
                ["Fleet:SeedAdmin:Username"] = RootUser,
                ["Fleet:SeedAdmin:Password"] = RootPassword,
            });
    }

    /// <summary>The database the bridge runs on (SQLite in the fixture's folder unless a subclass picks PostgreSQL).</summary>
    protected virtual DatabaseChoice ChooseDatabase() => DatabaseChoice.SqliteIn(Folder);

    public async Task DisposeAsync()
    {
        await Bridge.DisposeAsync();
        _temp.Dispose();
    }

    /// <summary>An HTTPS client for the fleet port, trusting only the fleet CA, presenting no certificate.</summary>
    public HttpClient FleetClient(string? bearer = null, HttpMessageHandler? handler = null)
    {
        var client = new HttpClient(handler ?? FleetHandler()) { BaseAddress = Bridge.FleetUri, Timeout = TimeSpan.FromSeconds(30) };
        if (bearer is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        return client;
    }

    public SocketsHttpHandler FleetHandler() => new()
    {
        AllowAutoRedirect = false,
        SslOptions = new SslClientAuthenticationOptions
        {
            RemoteCertificateValidationCallback = (_, certificate, _, _) => Pki.IsFleetServerCertificate(certificate),
        },
    };

    public static async Task<(HttpStatusCode Status, JsonElement Json)> SendAsync(HttpClient client, HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length > 0 ? JsonDocument.Parse(text).RootElement.Clone() : default);
    }

    /// <summary>Logs in through the API and returns a client carrying the bearer token.</summary>
    public async Task<HttpClient> LoginAsync(string user, string password)
    {
        var (status, json) = await SendAsync(FleetClient(), HttpMethod.Post, "/fleet/api/login", new { username = user, password });
        Assert.Equal(HttpStatusCode.OK, status);
        return FleetClient(json.GetProperty("token").GetString());
    }

    public async Task<string> CreateTokenAsync(HttpClient admin, string storeId)
    {
        var (status, json) = await SendAsync(admin, HttpMethod.Post, "/fleet/api/stores/" + storeId + "/enrolment-tokens");
        Assert.Equal(HttpStatusCode.Created, status);
        return json.GetProperty("token").GetString()!;
    }

    /// <summary>Makes a P-256 key and CSR the way kioskctl does, and enrols with the token; returns the device certificate with its key.</summary>
    public async Task<(HttpStatusCode Status, JsonElement Json, X509Certificate2? Device)> EnrolAsync(string token)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var csr = new CertificateRequest("CN=candidate", key, HashAlgorithmName.SHA256).CreateSigningRequestPem();
        var (status, json) = await SendAsync(FleetClient(), HttpMethod.Post, "/v1/enroll", new { token, csr });
        if (status != HttpStatusCode.Created) return (status, json, null);
        using var issued = X509Certificate2.CreateFromPem(json.GetProperty("certificate").GetString());
        using var withKey = issued.CopyWithPrivateKey(key);
        return (status, json, X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null));
    }
}
