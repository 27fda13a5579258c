using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kiosk.HostBridge.Devices;
using Kiosk.HostBridge.Hosting;
using Kiosk.HostBridge.Issuance;
using Kiosk.HostBridge.Payments;
using Kiosk.HostBridge.Printing;
using Kiosk.HostBridge.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Kiosk.HostBridge.Tests.Support;

/// <summary>Where an instance's database lives.</summary>
public sealed record DatabaseChoice(string Provider, string ConnectionString)
{
    public static DatabaseChoice SqliteIn(string folder) => new("sqlite", "Data Source=" + Path.Combine(folder, "bridge.db"));
    public static DatabaseChoice Postgres(string connectionString) => new("postgres", connectionString);
}

/// <summary>One real bridge: Kestrel on 127.0.0.1 random ports, real mutual TLS with the test fleet PKI, in-memory seams.</summary>
public sealed class BridgeInstance : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<HttpClient> _clients = [];

    private BridgeInstance(WebApplication app, TestPki pki, string folder)
    {
        _app = app;
        Pki = pki;
        Folder = folder;
    }

    public TestPki Pki { get; }
    public string Folder { get; }
    public IServiceProvider Services => _app.Services;
    public Uri KioskUri { get; private set; } = null!;
    public Uri OpsUri { get; private set; } = null!;
    public Uri? FleetUri { get; private set; }
    public FakeIssuanceBackend Issuance { get; private set; } = null!;
    public FakePrinter Printer { get; private set; } = null!;
    public FakePayments Payments { get; private set; } = null!;

    /// <summary>Starts an instance; seams may be shared between instances (two bridges, one municipality and printer).</summary>
    public static async Task<BridgeInstance> StartAsync(TestPki pki, string folder, DatabaseChoice database, string deploymentKey,
        IDictionary<string, string?>? settings = null, FakeIssuanceBackend? issuance = null, FakePrinter? printer = null,
        FakePayments? payments = null, byte[]? crl = null, X509Certificate2? jpkiAnchor = null,
        Action<IServiceCollection>? services = null)
    {
        Directory.CreateDirectory(folder);
        var instanceDir = Path.Combine(folder, "instance-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(instanceDir);
        var (caPem, serverPfx, jpkiPem) = TestBridgeSeed.PkiFiles(folder);
        var crlFile = Path.Combine(instanceDir, "jpki.crl");
        // Instances sharing a folder share its trust files: the first writes them.
        if (!File.Exists(caPem)) TestBridgeSeed.WritePki(pki, folder);
        File.WriteAllBytes(crlFile, crl ?? TestBridgeSeed.CurrentCrl(pki));

        var config = new Dictionary<string, string?>
        {
            ["Bridge:DataDir"] = instanceDir,
            ["Bridge:Listen:Address"] = "127.0.0.1",
            ["Bridge:Listen:KioskPort"] = "0",
            ["Bridge:Listen:OpsPort"] = "0",
            ["Bridge:Database:Provider"] = database.Provider,
            ["Bridge:Database:ConnectionString"] = database.ConnectionString,
            ["Bridge:Pki:GenerateDevPki"] = "false",
            ["Bridge:Pki:FleetCaCertificate"] = caPem,
            ["Bridge:Pki:ServerCertificate"] = serverPfx,
            ["Bridge:Pki:TrustRefreshInterval"] = "00:00:00.200",
            ["Bridge:Jpki:TrustAnchors:0"] = jpkiPem,
            ["Bridge:Jpki:Crls:0"] = crlFile,
            ["Bridge:DeploymentKey"] = deploymentKey,
            ["Bridge:Timing:WorkerInterval"] = "00:00:00.050",
            ["Bridge:MunicipalityNames:131016"] = "Chiyoda",
        };
        if (jpkiAnchor is not null)
        {
            var anchorPem = Path.Combine(instanceDir, "jpki-anchor.pem");
            File.WriteAllText(anchorPem, jpkiAnchor.ExportCertificatePem());
            config["Bridge:Jpki:TrustAnchors:0"] = anchorPem;
        }
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>()) config[k] = v;

        issuance ??= new FakeIssuanceBackend();
        printer ??= new FakePrinter();
        payments ??= new FakePayments();
        CapturingLoggerProvider? logs = null;
        var app = BridgeApp.Create(["--contentRoot", instanceDir, "--environment", "Production"], builder =>
        {
            builder.Configuration.AddInMemoryCollection(config);
            builder.Services.AddSingleton<IIssuanceBackend>(issuance);
            builder.Services.AddSingleton<IPrinter>(printer);
            builder.Services.AddSingleton<IPaymentProvider>(payments);
            services?.Invoke(builder.Services);
            builder.Logging.ClearProviders();
            logs = new CapturingLoggerProvider();
            builder.Logging.AddProvider(logs);
            builder.Logging.SetMinimumLevel(LogLevel.Debug);
        });
        var instance = new BridgeInstance(app, pki, folder) { Issuance = issuance, Printer = printer, Payments = payments };
        instance._capture = logs!;

        await TestBridgeSeed.SeedAsync(app.Services, pki);
        await app.StartAsync();
        // Kestrel reports addresses in listen order: the kiosk (mTLS) port first, then the fleet port when Fleet:Port is set.
        var https = app.Urls.Where(u => u.StartsWith("https://", StringComparison.Ordinal)).ToList();
        instance.KioskUri = new Uri(https[0]);
        instance.FleetUri = https.Count > 1 ? new Uri(https[1]) : null;
        instance.OpsUri = new Uri(app.Urls.Single(u => u.StartsWith("http://", StringComparison.Ordinal)));
        return instance;
    }

    private CapturingLoggerProvider _capture = new();
    private int _connections;

    /// <summary>TCP connections the clients of this instance opened (to prove keep-alive reuse).</summary>
    public int Connections => Volatile.Read(ref _connections);

    /// <summary>Every log line this instance wrote.</summary>
    public string AllLogs => _capture.All;

    /// <summary>An HTTP/1.1 client presenting the given device certificate (or none) and trusting only the fleet CA for the server.</summary>
    public HttpClient Client(X509Certificate2? deviceCertificate)
    {
        var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectCallback = async (context, ct) =>
            {
                Interlocked.Increment(ref _connections);
                var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp) { NoDelay = true };
                await socket.ConnectAsync(context.DnsEndPoint, ct);
                return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
            },
            SslOptions = new SslClientAuthenticationOptions
            {
                ClientCertificates = deviceCertificate is null ? null : new X509CertificateCollection { deviceCertificate },
                LocalCertificateSelectionCallback = deviceCertificate is null ? null : (_, _, _, _, _) => deviceCertificate,
                RemoteCertificateValidationCallback = (_, certificate, _, _) => Pki.IsFleetServerCertificate(certificate),
            },
        };
        var client = new HttpClient(handler) { BaseAddress = KioskUri, DefaultRequestVersion = HttpVersion.Version11, Timeout = TimeSpan.FromSeconds(30) };
        _clients.Add(client);
        return client;
    }

    /// <summary>A plain client for the ops port.</summary>
    public HttpClient OpsClient()
    {
        var client = new HttpClient { BaseAddress = OpsUri, Timeout = TimeSpan.FromSeconds(30) };
        _clients.Add(client);
        return client;
    }

    public T Get<T>() where T : notnull => _app.Services.GetRequiredService<T>();

    public async ValueTask DisposeAsync()
    {
        foreach (var c in _clients) c.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>A fresh 32-byte deployment key.</summary>
    public static string NewDeploymentKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
}
