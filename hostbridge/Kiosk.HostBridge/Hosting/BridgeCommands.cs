using Kiosk.HostBridge.Audit;
using Kiosk.HostBridge.Devices;
using Kiosk.HostBridge.Storage;

namespace Kiosk.HostBridge.Hosting;

/// <summary>The bridge's command line: run (default), dev-pki, verify-audit, revoke-device.</summary>
public static class BridgeCommands
{
    /// <summary>Runs the command named by the first argument; returns the process exit code.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var command = args.Length > 0 && !args[0].StartsWith('-') && !args[0].Contains('=') ? args[0] : "run";
        var rest = command == "run" ? args : args[1..];
        switch (command)
        {
            case "run":
                await BridgeApp.Create(rest).RunAsync();
                return 0;
            case "dev-pki":
            {
                var app = BridgeApp.Create(rest);
                var paths = app.Services.GetRequiredService<BridgePaths>();
                Console.WriteLine("Development PKI in " + (paths.DevPki?.Folder ?? "(configured files; nothing generated)"));
                if (paths.DevPki is { } dev)
                {
                    Console.WriteLine("  fleet CA:        " + dev.CaCertificate);
                    Console.WriteLine("  server cert:     " + dev.ServerPfx);
                    Console.WriteLine("  device cert:     " + dev.DevicePfx + " (" + Kiosk.HostBridge.DevPki.DevPkiFiles.DevDeviceId + ")");
                }
                return 0;
            }
            case "verify-audit":
            {
                var app = BridgeApp.Create(rest);
                await app.Services.GetRequiredService<Migrator>().MigrateAsync(CancellationToken.None);
                var result = await app.Services.GetRequiredService<AuditLog>().VerifyAsync(CancellationToken.None);
                Console.WriteLine(result.Intact
                    ? "Audit chain intact: " + result.Records + " records."
                    : "Audit chain BROKEN at record " + result.FirstBrokenSeq + ": " + result.Problem);
                return result.Intact ? 0 : 2;
            }
            case "verify-fleet-audit":
            {
                var app = BridgeApp.Create(rest);
                await app.Services.GetRequiredService<Migrator>().MigrateAsync(CancellationToken.None);
                await Kiosk.HostBridge.Fleet.FleetSchema.EnsureAsync(app.Services.GetRequiredService<IDatabase>(), CancellationToken.None);
                var result = await app.Services.GetRequiredService<Kiosk.HostBridge.Fleet.FleetAudit>().VerifyAsync(CancellationToken.None);
                Console.WriteLine(result.Intact
                    ? "Fleet audit chain intact: " + result.Records + " records."
                    : "Fleet audit chain BROKEN at record " + result.FirstBrokenSeq + ": " + result.Problem);
                return result.Intact ? 0 : 2;
            }
            case "revoke-device" when rest.Length >= 1:
            {
                var app = BridgeApp.Create(rest[1..]);
                await app.Services.GetRequiredService<Migrator>().MigrateAsync(CancellationToken.None);
                await app.Services.GetRequiredService<DeviceRegistry>().RevokeAsync(rest[0], "revoked by operator", CancellationToken.None);
                Console.WriteLine("Revoked device certificate " + rest[0].ToUpperInvariant() + "; every instance refuses it within one trust refresh.");
                return 0;
            }
            default:
                Console.Error.WriteLine("Usage: Kiosk.HostBridge [run|dev-pki|verify-audit|verify-fleet-audit|revoke-device <serial>] [--Bridge:Key=value ...]");
                return 64;
        }
    }
}
