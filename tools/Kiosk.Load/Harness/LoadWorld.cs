using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kiosk.HostBridge.DevPki;
using Kiosk.HostBridge.Devices;
using Kiosk.HostBridge.Hosting;
using Kiosk.HostBridge.Printing;
using Kiosk.HostBridge.Storage;
using Kiosk.Hardware.Emulator.Pki;
using Kiosk.Load.Faults;
using Kiosk.Municipality;
using Kiosk.Municipality.Rules;
using Kiosk.TestSupport;

namespace Kiosk.Load.Harness;

/// <summary>Everything a load run talks to, started for real: PostgreSQL, the reference municipality (HTTP, behind the fault
/// middleware), the host bridge (Kestrel, mutual TLS, pay-at-register) with the terminals' devices enrolled round-robin in
/// <see cref="LoadOptions.StoreCount"/> stores, each store with its own folder printer (its own print gate) from the bridge's
/// printer directory, and the TCP fault proxy in front of the bridge's kiosk port.</summary>
/// <remarks>The bridge runs in this process rather than as a child: the run needs its printer and services to inject printer
/// faults, and one process keeps the 2-core machine's scheduling simple; the wire between terminals and bridge is still real
/// TCP + TLS through the proxy. (Killing a bridge process is the crash test's job, which starts it as a child.)</remarks>
public sealed class LoadWorld : IAsyncDisposable
{
    /// <summary>The register's store id (its API key confirms every store's payment codes) and the prefix of the store ids;
    /// terminals of one store still collide on that store's printer (the collision the 2023 incidents had).</summary>
    public const string Store = "load-store";

    private readonly List<IAsyncDisposable> _owned = [];
    private PostgresServer? _postgres;

    private LoadWorld(string folder) => Folder = folder;

    /// <summary>The run's temporary folder (printer output, PKI files, municipality data).</summary>
    public string Folder { get; }
    /// <summary>The bridge's PostgreSQL connection string.</summary>
    public string BridgeDatabase { get; private set; } = "";
    /// <summary>The municipality's PostgreSQL connection string (null when it runs on SQLite beside a given --postgres).</summary>
    public string? MunicipalDatabase { get; private set; }
    /// <summary>The test JPKI PKI the cards come from.</summary>
    public JpkiTestPki Jpki { get; private set; } = null!;
    /// <summary>The fleet CA (with key) the devices and the bridge's server certificate chain to.</summary>
    public X509Certificate2 FleetCa { get; private set; } = null!;
    /// <summary>The bridge.</summary>
    public WebApplication Bridge { get; private set; } = null!;
    /// <summary>The municipality.</summary>
    public WebApplication Municipality { get; private set; } = null!;
    /// <summary>Every store's folder printer (one per store, each behind its own print gate); empty with <c>--bridge-process</c>
    /// (they live in the child; the papers are still read from their folders).</summary>
    public IReadOnlyList<FolderPrinter> Printers { get; private set; } = [];
    /// <summary>The store ids, in order; device i is enrolled in store i mod count.</summary>
    public IReadOnlyList<string> Stores { get; private set; } = [];
    /// <summary>The bridge as a child process (<c>--bridge-process</c>), else null.</summary>
    public BridgeProcess? BridgeChild { get; private set; }
    /// <summary>The PostgreSQL cluster this run started (null with <c>--postgres</c>).</summary>
    public int? PostgresPort => _postgres?.Port;
    /// <summary>The printers' output: one folder per store (named by store id) below it.</summary>
    public string PrinterFolder => Path.Combine(Folder, "printed");
    /// <summary>The bridge's ops address (store endpoints, health).</summary>
    public Uri BridgeOps { get; private set; } = null!;
    /// <summary>The bridge's kiosk endpoint.</summary>
    public IPEndPoint BridgeKiosk { get; private set; } = null!;
    /// <summary>The proxy terminals connect to.</summary>
    public TcpFaultProxy Proxy { get; private set; } = null!;
    /// <summary>The store's API key for the clerk.</summary>
    public string StoreApiKey { get; } = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
    /// <summary>Municipal fault middleware (counts), when faults are on.</summary>
    public MunicipalFaults? MunicipalFaults { get; private set; }
    /// <summary>Device certificates (with keys) by device id.</summary>
    public Dictionary<string, X509Certificate2> Devices { get; } = new(StringComparer.Ordinal);
    /// <summary>Print job timeout the bridge uses.</summary>
    public TimeSpan PrintTimeout { get; private set; }
    /// <summary>Payment code lifetime the bridge uses.</summary>
    public TimeSpan CodeLifetime { get; private set; }

    /// <summary>Starts the world for <paramref name="deviceIds"/>.</summary>
    public static async Task<LoadWorld> StartAsync(LoadOptions o, IReadOnlyList<string> deviceIds, FaultDice? dice, FaultRates rates, TextWriter log, CancellationToken ct)
    {
        var w = new LoadWorld(Path.Combine(Path.GetTempPath(), "kiosk-load-" + Guid.NewGuid().ToString("N")[..10]));
        Directory.CreateDirectory(w.Folder);
        try
        {
            await w.StartCoreAsync(o, deviceIds, dice, rates, log, ct);
            return w;
        }
        catch
        {
            await w.DisposeAsync();
            throw;
        }
    }

    private async Task StartCoreAsync(LoadOptions o, IReadOnlyList<string> deviceIds, FaultDice? dice, FaultRates rates, TextWriter log, CancellationToken ct)
    {
        string? municipalDb = null;
        if (o.Postgres != null) BridgeDatabase = o.Postgres;
        else
        {
            log.WriteLine("load: starting PostgreSQL");
            _postgres = new PostgresServer((o.PgStats ? PgStatements.ServerOptions + " " : "") + o.PgServerOptions);
            BridgeDatabase = _postgres.CreateDatabase("bridge");
            municipalDb = _postgres.CreateDatabase("municipality");
            MunicipalDatabase = municipalDb;
        }

        // JPKI: the default test PKI's CA and a CRL current now.
        Jpki = JpkiTestPki.Create();
        var now = DateTimeOffset.UtcNow;
        string jpkiCa = Path.Combine(Folder, "jpki-auth-ca.pem");
        string jpkiCrl = Path.Combine(Folder, "jpki-auth.crl");
        File.WriteAllText(jpkiCa, Jpki.AuthCaCertificate.ExportCertificatePem());
        File.WriteAllBytes(jpkiCrl, Jpki.BuildAuthCrl(now.AddMinutes(-5), now.AddDays(2)));

        // Fleet PKI generated for this run (no key committed anywhere).
        FleetCa = FleetCertificates.CreateCa("Kiosk load-test fleet CA", now.AddDays(-1), now.AddYears(1));
        string caPem = Path.Combine(Folder, "fleet-ca.pem");
        string serverPfx = Path.Combine(Folder, "server.pfx");
        File.WriteAllText(caPem, FleetCa.ExportCertificatePem());
        using (var server = FleetCertificates.IssueServer(FleetCa, ["localhost"], [IPAddress.Loopback], now.AddDays(-1), now.AddYears(1)))
            File.WriteAllBytes(serverPfx, server.Export(X509ContentType.Pkcs12));
        foreach (var id in deviceIds) Devices[id] = FleetCertificates.IssueDevice(FleetCa, id, now.AddDays(-1), now.AddYears(1));

        // The municipality, over HTTP, with the fault middleware first in its pipeline.
        string muniDir = Path.Combine(Folder, "municipality");
        Directory.CreateDirectory(muniDir);
        var muniArgs = new List<string>
        {
            "--contentRoot=" + muniDir, "--urls=http://127.0.0.1:0", "--Municipality:DataDir=" + muniDir,
            "--Municipality:TestPkiSeed=" + JpkiTestPki.DefaultSeed, "--Municipality:MinimalPdf=" + (!o.RealPdf).ToString(),
        };
        if (municipalDb != null)
        {
            muniArgs.Add("--Municipality:Store=postgres");
            muniArgs.Add("--ConnectionStrings:Municipality=" + municipalDb);
        }
        muniArgs.AddRange(QuietArgs(o));
        var issueTimeout = TimeSpan.FromSeconds(2);
        if (dice != null) MunicipalFaults = new MunicipalFaults(dice, rates, issueTimeout + TimeSpan.FromSeconds(1));
        Municipality = MunicipalityApp.Build(muniArgs.ToArray(), b =>
        {
            Quiet(b, o);
            // Store issuance runs 6:30–23:00 JST: the run's municipality lives at noon JST of today, whatever the hour here.
            b.Services.AddSingleton<TimeProvider>(ShiftedClock.NoonInJapanToday());
            if (MunicipalFaults != null) b.Services.AddSingleton<IStartupFilter>(new FaultFilter(MunicipalFaults));
        });
        await MunicipalityApp.InitializeAsync(Municipality, ct);
        await Municipality.StartAsync(ct);
        string muniUrl = Municipality.Urls.First();
        _owned.Add(Municipality);

        // The bridge.
        string bridgeDir = Path.Combine(Folder, "bridge");
        Directory.CreateDirectory(bridgeDir);
        PrintTimeout = TimeSpan.FromSeconds(3);
        CodeLifetime = dice != null ? TimeSpan.FromSeconds(4) : TimeSpan.FromMinutes(10);
        var args = new List<string>
        {
            "--contentRoot=" + bridgeDir, "--environment=Production",
            "--Bridge:DataDir=" + bridgeDir,
            "--Bridge:Listen:Address=127.0.0.1", "--Bridge:Listen:KioskPort=0", "--Bridge:Listen:OpsPort=0",
            "--Bridge:Database:Provider=postgres", "--Bridge:Database:ConnectionString=" + BridgeDatabase,
            "--Bridge:Pki:GenerateDevPki=false", "--Bridge:Pki:FleetCaCertificate=" + caPem, "--Bridge:Pki:ServerCertificate=" + serverPfx,
            "--Bridge:Jpki:TrustAnchors:0=" + jpkiCa, "--Bridge:Jpki:Crls:0=" + jpkiCrl,
            "--Bridge:DeploymentKey=" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            "--Bridge:Timing:WorkerInterval=" + TimeSpan.FromMilliseconds(o.WorkerMs).ToString("c"),
            // One resident's card authenticates thousands of times a minute here; the limiter has its own tests.
            "--Bridge:AuthRateLimit:PerDevice=100000000", "--Bridge:AuthRateLimit:PerCertificate=100000000",
            "--MunicipalApi:BaseAddress=" + muniUrl,
            "--MunicipalApi:ReadTimeout=" + issueTimeout.ToString("c"), "--MunicipalApi:IssueTimeout=" + issueTimeout.ToString("c"),
            "--MunicipalApi:RetryBackoff=00:00:00.050", "--MunicipalApi:BreakerOpenDuration=00:00:01",
            "--MunicipalApi:BreakerFailureThreshold=20",
            "--Printing:Mode=folder", "--Printing:Folder:Folder=" + Path.Combine(PrinterFolder, "unrouted"),
            "--Printing:Gate:JobTimeout=" + PrintTimeout.ToString("c"), "--Printing:Gate:PollInterval=00:00:00.020",
            "--Payments:Mode=register", "--Payments:Database:Provider=postgres", "--Payments:Database:ConnectionString=" + BridgeDatabase,
            "--Payments:CodeLifetime=" + CodeLifetime.ToString("c"), "--Payments:StoreApiKeys:" + Store + "=" + StoreApiKey,
        };
        Stores = Enumerable.Range(1, o.StoreCount).Select(i => Store + "-" + i.ToString("D3", System.Globalization.CultureInfo.InvariantCulture)).ToList();
        for (int i = 0; i < Stores.Count; i++)
        {
            string key = "--Printing:Printers:" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + ":";
            args.Add(key + "Id=printer-" + Stores[i]);
            args.Add(key + "Kind=folder");
            args.Add(key + "Folder=" + Path.Combine(PrinterFolder, Stores[i]));
            args.Add(key + "Stores:0=" + Stores[i]);
        }
        args.AddRange(QuietArgs(o));
        Bridge = BridgeApp.Create(args.ToArray(), b => Quiet(b, o));
        await Bridge.Services.GetRequiredService<Migrator>().MigrateAsync(ct);
        var registry = Bridge.Services.GetRequiredService<DeviceRegistry>();
        foreach (var store in Stores) await registry.UpsertStoreAsync(store, "131016", "Load-test store " + store, ct);
        for (int i = 0; i < deviceIds.Count; i++)
        {
            var cert = Devices[deviceIds[i]];
            await registry.EnrollAsync(deviceIds[i], Stores[i % Stores.Count], cert.SerialNumber, cert.NotAfter.ToUniversalTime(), ct);
        }
        Uri https;
        if (o.BridgeProcess)
        {
            // The in-process app above only migrated and enrolled; the bridge that serves runs as a child process.
            await Bridge.DisposeAsync();
            BridgeChild = await LoadBridgeProcess.StartAsync(args, o.Verbose);
            https = BridgeChild.KioskUri;
            BridgeOps = BridgeChild.OpsUri;
        }
        else
        {
            await Bridge.StartAsync(ct);
            _owned.Add(Bridge);
            Printers = Bridge.Services.GetRequiredService<PrinterDirectory>().Printers
                .Select(p => p.Printer as FolderPrinter ?? throw new InvalidOperationException("Printer " + p.Id + " is not a folder printer."))
                .ToList();
            https = new Uri(Bridge.Urls.First(u => u.StartsWith("https://", StringComparison.Ordinal)));
            BridgeOps = new Uri(Bridge.Urls.First(u => u.StartsWith("http://", StringComparison.Ordinal)));
        }
        BridgeKiosk = new IPEndPoint(IPAddress.Loopback, https.Port);
        Proxy = new TcpFaultProxy(BridgeKiosk, dice, rates);
        _owned.Add(Proxy);
        log.WriteLine("load: " + Stores.Count + (Stores.Count == 1 ? " store" : " stores, each") + " with its own folder printer and print gate");
        log.WriteLine("load: bridge " + https + " (proxy 127.0.0.1:" + Proxy.Port + "), ops " + BridgeOps + ", municipality " + muniUrl);
    }

    private static IEnumerable<string> QuietArgs(LoadOptions o) => o.Verbose ? [] :
        ["--Logging:LogLevel:Default=Warning", "--Logging:LogLevel:Microsoft=Warning", "--Logging:LogLevel:Microsoft.Hosting.Lifetime=Warning"];

    private static void Quiet(WebApplicationBuilder b, LoadOptions o)
    {
        b.Logging.ClearProviders();
        // Under load the bridge's expected warnings (injected faults) would swamp the console; errors still show.
        b.Logging.SetMinimumLevel(o.Verbose ? LogLevel.Information : LogLevel.Error);
        b.Logging.AddSimpleConsole(c => { c.SingleLine = true; c.IncludeScopes = false; });
    }

    /// <summary>Stops everything and deletes the folder.</summary>
    public async ValueTask DisposeAsync()
    {
        for (int i = _owned.Count - 1; i >= 0; i--)
        {
            try
            {
                if (_owned[i] is WebApplication app) await app.StopAsync();
                await _owned[i].DisposeAsync();
            }
            catch (Exception)
            {
            }
        }
        BridgeChild?.Dispose();
        foreach (var c in Devices.Values) c.Dispose();
        _postgres?.Dispose();
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private sealed class FaultFilter(MunicipalFaults faults) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((http, n) => faults.InvokeAsync(http, () => n()));
            next(app);
        };
    }
}
