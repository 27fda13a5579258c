#if HAS_BRIDGE
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kiosk.Firmware.Simulator.Orchestration;
using Kiosk.HostBridge.Hosting;
using Kiosk.HostBridge.Issuance;
using Kiosk.HostBridge.Payments;
using Kiosk.HostBridge.Printing;

namespace Kiosk.Firmware.Simulator.Wiring;

/// <summary>The host bridge, in process: mutual-TLS kiosk port and plain ops port on loopback, dev PKI and SQLite in the data folder.</summary>
internal sealed class BridgePart : IAsyncDisposable
{
    /// <summary>The store the dev terminal is enrolled in (by the bridge's dev PKI).</summary>
    public const string DevStore = "dev-store";

    private readonly WebApplication _app;

    private BridgePart(WebApplication app, Uri kiosk, string ops, string storeApiKey)
    {
        _app = app;
        KioskEndpoint = kiosk;
        OpsUrl = ops;
        StoreApiKey = storeApiKey;
        var paths = app.Services.GetRequiredService<BridgePaths>();
        var dev = paths.DevPki ?? throw new InvalidOperationException("The bridge runs without its dev PKI, so there is no device certificate for the simulated board.");
        DeviceCertificate = dev.LoadDevice();
        FleetCa = paths.FleetCa;
    }

    /// <summary>https://127.0.0.1:port of the terminals' mutual-TLS API.</summary>
    public Uri KioskEndpoint { get; }

    /// <summary>http://127.0.0.1:port/ of /healthz, /readyz and /metrics.</summary>
    public string OpsUrl { get; }

    /// <summary>The store POS's API key for the dev store (generated per run).</summary>
    public string StoreApiKey { get; }

    /// <summary>The dev terminal's certificate with its key.</summary>
    public X509Certificate2 DeviceCertificate { get; }

    /// <summary>The fleet CA the bridge's server certificate chains to.</summary>
    public X509Certificate2 FleetCa { get; }

    /// <summary>The bridge's services (printer, payment provider) for the simulator's store side.</summary>
    public IServiceProvider Services => _app.Services;

    public static async Task<BridgePart> StartAsync(SimulatorOptions o, string jpkiAuthCaPem, string jpkiCrl, string? municipalityUrl, string printedFolder, CancellationToken ct)
    {
        string dir = Path.Combine(o.DataDirectory, "bridge");
        Directory.CreateDirectory(dir);
        string storeKey = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        var args = new List<string>
        {
            "--contentRoot=" + dir,
            "--Bridge:DataDir=" + dir,
            "--Bridge:Listen:Address=127.0.0.1",
            "--Bridge:Listen:KioskPort=0",
            "--Bridge:Listen:OpsPort=0",
            "--Bridge:Jpki:TrustAnchors:0=" + jpkiAuthCaPem,
            "--Bridge:Jpki:Crls:0=" + jpkiCrl,
            "--Printing:Mode=" + (o.IppPrinterUrl == null ? "folder" : "ipp"),
            "--Printing:Folder:Folder=" + printedFolder,
            "--Payments:Mode=" + o.Payment,
            "--Payments:StoreApiKeys:" + DevStore + "=" + storeKey,
        };
        if (o.IppPrinterUrl != null) args.Add("--Printing:Ipp:PrinterUri=" + o.IppPrinterUrl);
        if (municipalityUrl != null)
        {
            args.Add("--MunicipalApi:BaseAddress=" + municipalityUrl);
        }
        if (o.PostgresConnectionString != null)
        {
            args.Add("--Bridge:Database:Provider=postgres");
            args.Add("--Bridge:Database:ConnectionString=" + o.PostgresConnectionString);
            args.Add("--Payments:Database:Provider=postgres");
            args.Add("--Payments:Database:ConnectionString=" + o.PostgresConnectionString);
        }
        else
        {
            args.Add("--Payments:Database:ConnectionString=Data Source=" + Path.Combine(dir, "payments.db"));
        }
        args.AddRange(Quiet.Args);
        var app = BridgeApp.Create(args.ToArray(), b =>
        {
            Quiet.Configure(b);
#if HAS_MUNICIPAL_CLIENT && !BRIDGE_ADDS_ISSUANCE
            // The bridge's default is "no municipality"; the simulator points its municipal adapter at the in-process one.
            if (municipalityUrl != null)
                b.Services.AddSingleton<IIssuanceBackend>(_ => new MunicipalApiClient(new HttpClient(), new MunicipalApiOptions { BaseAddress = new Uri(municipalityUrl) }));
#endif
#if HAS_PRINTING && !BRIDGE_ADDS_PRINTING
            b.Services.AddKioskPrinting(b.Configuration);
#endif
#if HAS_PAYMENTS && !BRIDGE_ADDS_PAYMENTS
            b.Services.AddKioskPayments(b.Configuration);
#endif
        });
        await app.StartAsync(ct);
        string kiosk = Addresses.Of(app, "https://");
        string ops = Addresses.Of(app, "http://");
        return new BridgePart(app, new Uri(kiosk), ops, storeKey);
    }

    /// <summary>Why the bridge cannot issue (its issuance backend is the placeholder), or null when it can.</summary>
    public string? IssuanceGap()
    {
        var backend = _app.Services.GetService<IIssuanceBackend>();
        return backend == null || backend.GetType().Name.StartsWith("Unconfigured", StringComparison.Ordinal)
            ? "not yet available: the bridge has no municipal issuance adapter (IIssuanceBackend over the municipal API)"
            : null;
    }

    /// <summary>Why the bridge cannot print (no printer configured), or null when it can.</summary>
    public string? PrinterGap()
    {
        var printer = _app.Services.GetService<IPrinter>();
        return printer == null || printer.GetType().Name.StartsWith("Unconfigured", StringComparison.Ordinal)
            ? "not yet available: the bridge has no printer (FolderPrinter/IppPrinter not registered)"
            : null;
    }

    /// <summary>The printer's description for the parts list.</summary>
    public string PrinterName()
    {
        var printer = _app.Services.GetService<IPrinter>();
        return printer?.GetType().Name ?? "none";
    }

    /// <summary>The payment provider's type (pay-at-register, free, or the bridge's fee waiver).</summary>
    public IPaymentProvider? PaymentProvider => _app.Services.GetService<IPaymentProvider>();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
#endif
