using Kiosk.Firmware.Simulator.Wiring;
using Kiosk.HostBridge.Fleet;
using Kiosk.HostBridge.Hosting;
using Kiosk.Kioskctl.Cli;
using Kiosk.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Kiosk.Firmware.Simulator.Tests.Fleet;

/// <summary>A real host bridge with its fleet listener (dev PKI, SQLite in a temp folder, a seeded municipality admin), and the
/// technician's <c>kioskctl provision</c> against it.</summary>
public sealed class FleetBridge : IAsyncDisposable
{
    public const string Admin = "chiyoda-ops";
    public const string AdminPassword = "console-password-for-tests";

    private readonly TempFolder _work;

    private FleetBridge(TempFolder work, WebApplication app, Uri kiosk, Uri fleet)
    {
        _work = work;
        App = app;
        Kiosk = kiosk;
        Fleet = fleet;
    }

    public string Work => _work.Path;
    public WebApplication App { get; }
    public Uri Kiosk { get; }
    public Uri Fleet { get; }

    public static async Task<FleetBridge> StartAsync()
    {
        var work = TempFolder.Created("kiosk-fleet-e2e-", Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools);
        var trust = JpkiTrust.Export(Path.Combine(work.Path, "jpki"));
        var dir = Path.Combine(work.Path, "bridge");
        Directory.CreateDirectory(dir);
        var app = BridgeApp.Create(
        [
            "--contentRoot=" + dir, "--Bridge:DataDir=" + dir, "--Bridge:Listen:Address=127.0.0.1", "--Bridge:Listen:KioskPort=0",
            "--Bridge:Listen:OpsPort=0", "--Bridge:Jpki:TrustAnchors:0=" + trust.AuthCaPem, "--Bridge:Jpki:Crls:0=" + trust.AuthCrlDer,
            "--Bridge:Pki:TrustRefreshInterval=00:00:01", "--Fleet:Port=0", "--Fleet:SeedAdmin:Username=" + Admin,
            "--Fleet:SeedAdmin:Password=" + AdminPassword, "--Fleet:SeedAdmin:Municipality=131016",
            "--Logging:LogLevel:Default=Warning",
        ]);
        await app.StartAsync();
        var https = app.Urls.Where(u => u.StartsWith("https://", StringComparison.Ordinal)).ToList();
        return new FleetBridge(work, app, new Uri(https[0]), new Uri(https[1]));
    }

    /// <summary>Runs <c>kioskctl provision --dry-run</c> with the token; returns the bundle folder and the device id.</summary>
    public async Task<(string Bundle, string DeviceId)> ProvisionAsync(string storeId, string token)
    {
        var ca = Path.Combine(Work, "fleet-ca.pem");
        await File.WriteAllTextAsync(ca, App.Services.GetRequiredService<BridgePaths>().FleetCa.ExportCertificatePem());
        var bundle = Path.Combine(Work, "bundle-" + Guid.NewGuid().ToString("N")[..6]);
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await Task.Run(() => CommandTable.Default().Run(
            ["provision", "--store", storeId, "--token", token, "--bridge", Fleet.ToString(), "--bridge-ca", ca, "--port", "/dev/ttyUSB0",
             "--kiosk-url", Kiosk.ToString(), "--out", bundle, "--dry-run"],
            new CommandContext(output, error, new MemoryStream(), new NoPrompt())));
        Assert.True(code == ExitCode.Ok, error.ToString());
        using var config = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(bundle, "device-config.json")));
        return (bundle, config.RootElement.GetProperty("deviceId").GetString()!);
    }

    /// <summary>A store and a one-time token for it, made through the services the console uses.</summary>
    public async Task<string> TokenAsync(string storeId)
    {
        var admin = new AdminPrincipal(Admin, "131016");
        var actions = App.Services.GetRequiredService<FleetActions>();
        await actions.CreateStoreAsync(admin, storeId, "131016", "Store " + storeId, CancellationToken.None);
        return (await actions.CreateTokenAsync(admin, storeId, null, CancellationToken.None)).Token;
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        _work.Dispose();
    }

    private sealed class NoPrompt : IPinPrompt
    {
        public int Read(string prompt, byte[] pin) => -1;
    }
}
