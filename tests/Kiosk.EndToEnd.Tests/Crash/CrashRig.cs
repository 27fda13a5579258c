using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Kiosk.HostBridge.DevPki;
using Kiosk.HostBridge.Devices;
using Kiosk.HostBridge.Hosting;
using Kiosk.HostBridge.Storage;
using Kiosk.HostBridge.Tests.Support;
using Kiosk.Municipality;
using Kiosk.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Kiosk.EndToEnd.Tests.Crash;

/// <summary>What a crash run is built from (at most 4 terminals: one seeded resident each who may be issued a 住民票).
/// <paramref name="RealCore"/>: cards of the card emulator's JPKI test PKI (for headless terminals running the real core);
/// <paramref name="FolderPrinter"/>: the bridge's folder printer instead of ippeveprinter (a sheet = an order's PDF in the folder).</summary>
public sealed record CrashRigOptions(int Terminals = 4, double PrintSeconds = 0.3, TimeSpan? OrderDeadline = null, PostgresServer? Postgres = null,
    bool RealCore = false, bool FolderPrinter = false);

/// <summary>
/// Every real part of a store, started for a crash run: the bridge as a child process (<see cref="BridgeProcess"/>) on
/// PostgreSQL, the reference municipality (in process, its clock pinned to a weekday morning in Japan so the run does not
/// depend on service hours), a real ippeveprinter whose print command writes one line per sheet that came out, the store's
/// POS (the store payment endpoint), and enrolled terminals each with its own device certificate and JPKI card.
/// </summary>
public sealed class CrashRig : IAsyncDisposable
{
    /// <summary>The store every terminal is in.</summary>
    public const string StoreId = "store-crash";

    /// <summary>The POS's key for the store payment endpoint.</summary>
    public const string StoreApiKey = "crash-store-key-0123456789abcdef";

    private static readonly string[] Profiles = ["yamada-taro", "yamada-hanako", "tanaka-kazuko", "takahashi-yoshiko"];

    /// <summary>Residents of the emulator's default profiles that may be issued a 住民票 at a store of 131016's bridge.</summary>
    public static readonly string[] EmulatorResidents = ["tanaka-hanako", "smith-emily", "kim-minjun", "nguyen-van-an"];

    private WebApplication? municipality;
    private DbusSession? bus;

    private readonly TempFolder _folder;

    private CrashRig(TempFolder folder, TestPki pki) { _folder = folder; Pki = pki; }

    /// <summary>Temp folder of the run.</summary>
    public string Folder => _folder.Path;

    /// <summary>Fleet CA and JPKI CA.</summary>
    public TestPki Pki { get; }

    /// <summary>The bridge child process.</summary>
    public BridgeProcess Bridge { get; private set; } = null!;

    /// <summary>The real IPP printer (null with the folder printer).</summary>
    public IppEvePrinter Printer { get; private set; } = null!;

    /// <summary>The folder printer's folder (null with ippeveprinter).</summary>
    public string? PrinterFolder { get; private set; }

    /// <summary>The card emulator's JPKI test PKI (RealCore only).</summary>
    public Kiosk.Hardware.Emulator.Pki.JpkiTestPki? EmulatorPki { get; private set; }

    /// <summary>The PostgreSQL server holding the bridge's database.</summary>
    public PostgresServer Postgres { get; private set; } = null!;

    /// <summary>The bridge's (and payments') database.</summary>
    public string ConnectionString { get; private set; } = "";

    /// <summary>One line per sheet the printer put out: the spool file name (carries job-name order-&lt;id&gt;-doc-&lt;doc&gt;).</summary>
    public string PrintedLog => Path.Combine(Folder, "printed.log");

    /// <summary>The terminals (device certificate + card).</summary>
    public IReadOnlyList<(X509Certificate2 Device, TestCard Card)> Terminals { get; private set; } = [];

    /// <summary>Starts everything and waits for the bridge's /readyz.</summary>
    public static async Task<CrashRig> StartAsync(CrashRigOptions options)
    {
        var rig = new CrashRig(TempFolder.Created("kiosk-crash-", Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools), TestPki.Shared);
        try
        {
            await rig.StartCoreAsync(options);
            return rig;
        }
        catch
        {
            await rig.DisposeAsync();
            throw;
        }
    }

    private async Task StartCoreAsync(CrashRigOptions o)
    {
        var now = DateTimeOffset.UtcNow;
        var terminals = new List<(X509Certificate2, TestCard)>();
        for (var i = 0; i < o.Terminals; i++)
        {
            terminals.Add((FleetCertificates.IssueDevice(Pki.FleetCa, "crash-term-" + i, now.AddDays(-1), now.AddYears(1)),
                TestPki.IssueCard(Pki.JpkiCa, now.AddDays(-10), now.AddYears(3))));
        }
        Terminals = terminals;

        // Files the bridge reads: fleet CA, server certificate, JPKI anchor and CRL.
        var (caPem, serverPfx, jpkiPem) = TestBridgeSeed.WritePki(Pki, Folder);
        var crl = Path.Combine(Folder, "jpki.crl");
        if (o.RealCore)
        {
            // The emulated card's own JPKI replaces the test PKI's as the anchor.
            EmulatorPki = Kiosk.Hardware.Emulator.Pki.JpkiTestPki.Create();
            await File.WriteAllTextAsync(jpkiPem, EmulatorPki.AuthCaCertificate.ExportCertificatePem());
            await File.WriteAllBytesAsync(crl, EmulatorPki.BuildAuthCrl(now.AddMinutes(-5), now.AddHours(12)));
        }
        else
        {
            await File.WriteAllBytesAsync(crl, Pki.JpkiCrl(now.AddMinutes(-5), now.AddHours(12)));
        }

        // The municipality binds each card's serial to a seeded resident.
        var cardMap = Path.Combine(Folder, "cards.json");
        await File.WriteAllTextAsync(cardMap, JsonSerializer.Serialize(new
        {
            cards = terminals.Select((t, i) => new { serial = t.Item2.SerialHex, profileId = Profiles[i % Profiles.Length] }).ToArray(),
        }));
        var municipalityPort = BridgeProcess.FreePort();
        var muniDir = Path.Combine(Folder, "municipality");
        Directory.CreateDirectory(muniDir);
        municipality = MunicipalityApp.Build(
            ["--urls=http://127.0.0.1:" + municipalityPort, "--contentRoot=" + muniDir, "--Municipality:DataDir=" + muniDir,
                "--Municipality:CardMapPath=" + cardMap, "--Logging:LogLevel:Default=Warning",
                // The emulator's cards carry the serials its published rule derives from this seed.
                "--Municipality:TestPkiSeed=" + Kiosk.Hardware.Emulator.Pki.JpkiTestPki.DefaultSeed],
            b =>
            {
                b.Services.AddSingleton<TimeProvider>(new WeekdayMorningInJapan());
                b.Logging.ClearProviders();
            });
        await MunicipalityApp.InitializeAsync(municipality);
        await municipality.StartAsync();

        // The printer: each job takes PrintSeconds, then the sheet "comes out" (one line in printed.log).
        if (!o.FolderPrinter)
        {
            bus = DbusSession.Start();
            // "&&": a print killed with the printer (sleep killed first by the tree kill) must not let the shell go on to the sheet.
            var script = IppEvePrinter.WriteScript(Folder, "print.sh",
                "sleep " + o.PrintSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)
                + " && echo \"$(basename \"$1\")\" >> " + PrintedLog + "\n");
            Printer = IppEvePrinter.Start(bus, script);
        }
        else
        {
            PrinterFolder = Path.Combine(Folder, "printer");
            Directory.CreateDirectory(PrinterFolder);
        }

        Postgres = o.Postgres ?? PostgresServer.Shared;
        ConnectionString = Postgres.CreateDatabase("crash") + ";Timeout=5;Command Timeout=15";
        var settings = new Dictionary<string, string>
        {
            ["Bridge:DataDir"] = Path.Combine(Folder, "bridge"),
            ["Bridge:Database:Provider"] = "postgres",
            ["Bridge:Database:ConnectionString"] = ConnectionString,
            ["Bridge:Pki:GenerateDevPki"] = "false",
            ["Bridge:Pki:FleetCaCertificate"] = caPem,
            ["Bridge:Pki:ServerCertificate"] = serverPfx,
            ["Bridge:Pki:TrustRefreshInterval"] = "00:00:01",
            ["Bridge:Jpki:TrustAnchors:0"] = jpkiPem,
            ["Bridge:Jpki:Crls:0"] = crl,
            ["Bridge:DeploymentKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Bridge:Timing:WorkerInterval"] = "00:00:00.100",
            ["Bridge:Timing:OrderDeadline"] = (o.OrderDeadline ?? TimeSpan.FromSeconds(40)).ToString("c"),
            ["Bridge:Timing:RecoveryGrace"] = "00:00:02",
            ["Bridge:Timing:SettlementSweepInterval"] = "00:00:02",
            ["Bridge:MunicipalityNames:131016"] = "Chiyoda",
            // A scripted resident re-authenticates every few seconds, far above any real card's pace.
            ["Bridge:AuthRateLimit:PerCertificate"] = "100000",
            ["Bridge:AuthRateLimit:PerDevice"] = "100000",
            ["MunicipalApi:BaseAddress"] = "http://127.0.0.1:" + municipalityPort + "/",
            ["MunicipalApi:RetryBackoff"] = "00:00:00.050",
            ["MunicipalApi:BreakerOpenDuration"] = "00:00:02",
            ["Printing:Ipp:RequestTimeout"] = "00:00:03",
            ["Printing:Gate:JobTimeout"] = "00:00:20",
            ["Printing:Gate:PollInterval"] = "00:00:00.100",
            ["Printing:Gate:CancelTimeout"] = "00:00:03",
            ["Payments:Mode"] = "register",
            ["Payments:Database:Provider"] = "postgres",
            ["Payments:Database:ConnectionString"] = ConnectionString,
            ["Payments:StoreApiKeys:" + StoreId] = StoreApiKey,
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft"] = "Error",
        };
        if (PrinterFolder is null)
        {
            settings["Printing:Mode"] = "ipp";
            settings["Printing:Ipp:PrinterUri"] = Printer.Uri.ToString();
        }
        else
        {
            settings["Printing:Mode"] = "folder";
            settings["Printing:Folder:Folder"] = PrinterFolder;
            settings["Printing:Folder:ProcessingTime"] = TimeSpan.FromSeconds(o.PrintSeconds).ToString("c");
        }
        Directory.CreateDirectory(settings["Bridge:DataDir"]);
        await EnrolAsync(settings, terminals);
        Bridge = new BridgeProcess(settings);
        await Bridge.StartAsync();
    }

    /// <summary>Enrols the store and the devices through the bridge's own registry, before the first start.</summary>
    private static async Task EnrolAsync(Dictionary<string, string> settings, List<(X509Certificate2, TestCard)> terminals)
    {
        var args = settings.Select(kv => "--" + kv.Key + "=" + kv.Value).Append("--contentRoot=" + settings["Bridge:DataDir"]).ToArray();
        await using var app = BridgeApp.Create(args, b => b.Logging.ClearProviders());
        await app.Services.GetRequiredService<Migrator>().MigrateAsync(CancellationToken.None);
        var registry = app.Services.GetRequiredService<DeviceRegistry>();
        await registry.UpsertStoreAsync(StoreId, "131016", "Crash test store", CancellationToken.None);
        foreach (var (device, _) in terminals)
        {
            await registry.EnrollAsync(device.GetNameInfo(X509NameType.SimpleName, false), StoreId, device.SerialNumber,
                device.NotAfter.ToUniversalTime(), CancellationToken.None);
        }
    }

    /// <summary>The sheets that came out of the printer, by order id (a count per order).</summary>
    public Dictionary<string, int> SheetsByOrder()
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        if (PrinterFolder is not null)
        {
            // The folder printer's paper: <orderId>.pdf (a cancelled job's PDF is deleted; one file per order at most).
            foreach (var pdf in Directory.GetFiles(PrinterFolder, "*.pdf")) counts[Path.GetFileNameWithoutExtension(pdf)] = 1;
            return counts;
        }
        if (!File.Exists(PrintedLog)) return counts;
        foreach (var line in File.ReadAllLines(PrintedLog))
        {
            var at = line.IndexOf("order-", StringComparison.Ordinal);
            if (at < 0) continue;
            var id = line.Substring(at + "order-".Length, 32);
            counts[id] = counts.GetValueOrDefault(id) + 1;
        }
        return counts;
    }

    /// <summary>Stops every part and deletes the folder.</summary>
    public async ValueTask DisposeAsync()
    {
        Bridge?.Dispose();
        Printer?.Dispose();
        bus?.Dispose();
        if (municipality is not null)
        {
            await municipality.StopAsync();
            await municipality.DisposeAsync();
        }
        _folder.Dispose();
    }
}

/// <summary>The municipality's clock: real elapsed time, but starting on a Wednesday 10:00 JST, inside store service hours.</summary>
internal sealed class WeekdayMorningInJapan : TimeProvider
{
    private static readonly DateTimeOffset Start = new(2026, 11, 18, 1, 0, 0, TimeSpan.Zero);
    private readonly long startedAt = global::System.Diagnostics.Stopwatch.GetTimestamp();

    public override DateTimeOffset GetUtcNow() => Start + global::System.Diagnostics.Stopwatch.GetElapsedTime(startedAt);
}
