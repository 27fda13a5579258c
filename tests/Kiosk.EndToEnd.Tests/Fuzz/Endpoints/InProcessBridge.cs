using Kiosk.TestSupport;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kiosk.HostBridge.Devices;
using Kiosk.HostBridge.Hosting;
using Kiosk.HostBridge.Issuance;
using Kiosk.HostBridge.Printing;
using Kiosk.HostBridge.Storage;
using Kiosk.HostBridge.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Kiosk.EndToEnd.Tests.Fuzz.Endpoints;

/// <summary>Which listener of the real bridge a request arrives on.</summary>
public enum Door
{
    /// <summary>The kiosk port: mutual TLS, so the request carries the device certificate the handshake accepted (or none).</summary>
    Kiosk,

    /// <summary>The fleet port: its connections carry the fleet listener's tag.</summary>
    Fleet,

    /// <summary>The plain operator port (health, metrics) and the store POS.</summary>
    Ops,
}

/// <summary>One fuzz request, complete enough to print and replay.</summary>
public sealed record FuzzRequest(Door Door, string Method, string Path, string Query, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[] Body,
    long? ContentLength, X509Certificate2? Certificate)
{
    /// <summary>A replayable description for a failure message (body in hex and, when printable, as text).</summary>
    public string Describe()
        => Door + " " + Method + " " + Path + Query + " cert=" + (Certificate?.Subject ?? "none") + " content-length=" + (ContentLength?.ToString() ?? "none")
           + "\nheaders: " + string.Join(" | ", Headers.Select(h => h.Key + ": " + h.Value))
           + "\nbody (" + Body.Length + " bytes): " + Convert.ToHexString(Body.AsSpan(0, Math.Min(Body.Length, 600)))
           + "\nbody as text: " + System.Text.Encoding.UTF8.GetString(Body.AsSpan(0, Math.Min(Body.Length, 300)));
}

/// <summary>What came back.</summary>
public sealed record FuzzResponse(int Status, string? ContentType, string Body, string? Location, IHeaderDictionary Headers);

/// <summary>
/// The real bridge (BridgeApp.Create: every service, filter and route of production) hosted on ASP.NET Core's TestServer instead of Kestrel,
/// on SQLite in a temp folder (or PostgreSQL), with the run-time test PKI, the fleet port's admin and release key, and pay-at-register payments.
/// Requests skip sockets and TLS: the kiosk port's accepted client certificate is put on the connection
/// (<c>HttpContext.Connection.ClientCertificate</c>, which is where the device filter reads it), and fleet-port requests carry the connection
/// tag the fleet listener's connection middleware sets. Both are set per request by this test host; production code has no hook for either
/// (TestServer exists only in this test project, so nothing here can be enabled in a deployed bridge).
/// </summary>
public sealed class InProcessBridge : IAsyncDisposable
{
    /// <summary>The POS key of store-1.</summary>
    public const string StoreKey = "store-key-for-in-process-fuzzing";

    /// <summary>The seeded fleet-wide admin.</summary>
    public const string RootUser = "root";

    /// <summary>Its password.</summary>
    public const string RootPassword = "root-password-for-fuzzing";

    /// <summary>Host the fleet console is reached at (its same-origin check compares Origin with scheme and host).</summary>
    public const string FleetHost = "fleet.kiosk.test";

    // The key FleetListener's connection middleware sets on every connection it accepts; mirrored here because TestServer has no listener.
    private const string FleetListenerTag = "kiosk.fleet-listener";

    private readonly WebApplication _app;

    private InProcessBridge(WebApplication app, TestServer server, TestPki pki, TempFolder folder, ECDsa releaseKey, BoundedLogSink logs)
    {
        _app = app;
        Server = server;
        Pki = pki;
        _folder = folder;
        ReleaseKey = releaseKey;
        Logs = logs;
    }

    /// <summary>The test server.</summary>
    public TestServer Server { get; }

    /// <summary>The run-time PKI (fleet CA, devices, cards).</summary>
    public TestPki Pki { get; }

    /// <summary>Temp folder of this instance (deleted on dispose).</summary>
    public string Folder => _folder.Path;

    private readonly TempFolder _folder;

    /// <summary>Private half of the release key whose public half the bridge trusts for bundles.</summary>
    public ECDsa ReleaseKey { get; }

    /// <summary>Every log entry the bridge wrote, counted and scanned, with a bounded tail.</summary>
    public BoundedLogSink Logs { get; }

    /// <summary>The fake printer (in-memory seam beside the real printer tests).</summary>
    public FakePrinter Printer { get; private init; } = null!;

    /// <summary>A service of the bridge.</summary>
    public T Get<T>() where T : notnull => _app.Services.GetRequiredService<T>();

    /// <summary>Starts an instance on SQLite in a fresh temp folder, or on <paramref name="database"/>.</summary>
    public static async Task<InProcessBridge> StartAsync(DatabaseChoice? database = null)
    {
        var pki = TestPki.Shared;
        var temp = new TempFolder("kiosk-fuzz-inproc-", Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools);
        var folder = Directory.CreateDirectory(temp.Path).FullName;
        var (caPem, serverPfx, jpkiPem) = TestBridgeSeed.WritePki(pki, folder);
        var caKey = Path.Combine(folder, "fleet-ca.key.pem");
        var crlFile = Path.Combine(folder, "jpki.crl");
        var releasePem = Path.Combine(folder, "release.pub.pem");
        // The deployed settings (log levels, body limits, timings) first; the test's own settings below override only what they name.
        File.Copy(Path.Combine(RepoRoot(), "hostbridge", "Kiosk.HostBridge", "appsettings.json"), Path.Combine(folder, "appsettings.json"));
        File.WriteAllText(caKey, pki.FleetCa.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
        File.WriteAllBytes(crlFile, TestBridgeSeed.CurrentCrl(pki));
        var releaseKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        File.WriteAllText(releasePem, releaseKey.ExportSubjectPublicKeyInfoPem());
        database ??= DatabaseChoice.SqliteIn(folder);

        var config = new Dictionary<string, string?>
        {
            ["Bridge:DataDir"] = folder,
            ["Bridge:Listen:Address"] = "127.0.0.1",
            ["Bridge:Database:Provider"] = database.Provider,
            ["Bridge:Database:ConnectionString"] = database.ConnectionString,
            ["Bridge:Pki:GenerateDevPki"] = "false",
            ["Bridge:Pki:FleetCaCertificate"] = caPem,
            ["Bridge:Pki:ServerCertificate"] = serverPfx,
            ["Bridge:Jpki:TrustAnchors:0"] = jpkiPem,
            ["Bridge:Jpki:Crls:0"] = crlFile,
            ["Bridge:DeploymentKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Bridge:Timing:WorkerInterval"] = "00:00:00.200",
            ["Bridge:MunicipalityNames:131016"] = "Chiyoda",
            ["Fleet:Port"] = "0",
            ["Fleet:CaKeyFile"] = caKey,
            ["Fleet:KioskUrl"] = "https://kiosk.example:8443",
            ["Fleet:SeedAdmin:Username"] = RootUser,
            ["Fleet:SeedAdmin:Password"] = RootPassword,
            ["Rollouts:ReleaseKeyFile"] = releasePem,
            ["Payments:Mode"] = "register",
            ["Payments:StoreApiKeys:store-1"] = StoreKey,
            ["Payments:CodeLifetime"] = "00:10:00",
        };
        var logs = new BoundedLogSink();
        var printer = new FakePrinter();
        var issuance = new FakeIssuanceBackend();
        issuance.AddResident(pki.Card, "resident-1");
        issuance.AddResident(pki.SecondCard, "resident-2");
        var app = BridgeApp.Create(["--contentRoot", folder, "--environment", "Production"], builder =>
        {
            builder.Configuration.AddInMemoryCollection(config);
            builder.WebHost.UseTestServer(o => o.PreserveExecutionContext = false);
            builder.Services.AddSingleton<IIssuanceBackend>(issuance);
            builder.Services.AddSingleton<IPrinter>(printer);
            builder.Logging.ClearProviders();
            builder.Logging.AddProvider(logs);
            builder.Logging.SetMinimumLevel(LogLevel.Information);
        });
        await TestBridgeSeed.SeedAsync(app.Services, pki);
        await app.StartAsync();
        return new InProcessBridge(app, app.GetTestServer(), pki, temp, releaseKey, logs) { Printer = printer };
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Kiosk.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Kiosk.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>Sends one request through the whole pipeline (middleware, routing, filters, handlers) and reads the answer.</summary>
    public async Task<FuzzResponse> SendAsync(FuzzRequest r, CancellationToken ct)
    {
        // Kestrel decodes the path with the same decoder and answers 400 itself when it holds a NUL: such a request never reaches the app.
        if (!IsDecodablePath(r.Path)) return new FuzzResponse(400, "application/problem+json", KestrelRefusal, null, new HeaderDictionary());
        var context = await Server.SendAsync(c => Configure(c, r), ct);
        var response = context.Response;
        string text;
        using (var reader = new StreamReader(response.Body, System.Text.Encoding.UTF8))
        {
            var buffer = new char[64 * 1024];
            var n = await reader.ReadBlockAsync(buffer, ct);
            text = new string(buffer, 0, n);
        }
        return new FuzzResponse(response.StatusCode, response.ContentType, text, response.Headers.Location.ToString() is { Length: > 0 } l ? l : null,
            response.Headers);
    }

    // Stands for Kestrel's own refusal, so the oracle can judge it like any other answer.
    private const string KestrelRefusal = "{\"title\":\"Bad Request (refused by the server before the app)\",\"status\":400}";

    private static bool IsDecodablePath(string path)
    {
        try
        {
            _ = PathString.FromUriComponent(path);
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static void Configure(HttpContext c, FuzzRequest r)
    {
        c.Request.Method = r.Method;
        c.Request.Scheme = r.Door == Door.Ops ? "http" : "https";
        c.Request.Host = new HostString(r.Door == Door.Fleet ? FleetHost : r.Door == Door.Kiosk ? "kiosk.kiosk.test" : "ops.kiosk.test");
        c.Request.Path = PathString.FromUriComponent(r.Path);
        c.Request.QueryString = QueryString.FromUriComponent(r.Query);
        foreach (var (name, value) in r.Headers) c.Request.Headers.Append(name, value);
        c.Request.Body = new MemoryStream(r.Body, writable: false);
        c.Request.ContentLength = r.ContentLength;
        c.Connection.RemoteIpAddress = IPAddress.Loopback;
        c.Connection.ClientCertificate = r.Door == Door.Kiosk ? r.Certificate : null;
        if (r.Door == Door.Fleet) c.Features.Set<IConnectionItemsFeature>(new FleetConnectionItems());
    }

    private sealed class FleetConnectionItems : IConnectionItemsFeature
    {
        public IDictionary<object, object?> Items { get; set; } = new Dictionary<object, object?> { [FleetListenerTag] = true };
    }

    /// <summary>An HttpClient through the test server, as a terminal (device certificate), the fleet port, or the ops port; for setup steps.</summary>
    public HttpClient Client(Door door, X509Certificate2? certificate = null)
    {
        var handler = Server.CreateHandler(c =>
        {
            c.Connection.RemoteIpAddress = IPAddress.Loopback;
            if (door == Door.Kiosk) c.Connection.ClientCertificate = certificate;
            if (door == Door.Fleet) c.Features.Set<IConnectionItemsFeature>(new FleetConnectionItems());
        });
        var host = door == Door.Fleet ? FleetHost : door == Door.Kiosk ? "kiosk.kiosk.test" : "ops.kiosk.test";
        return new HttpClient(handler) { BaseAddress = new Uri((door == Door.Ops ? "http://" : "https://") + host + "/"), Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        ReleaseKey.Dispose();
        _folder.Dispose();
    }
}
