using Kiosk.HostBridge.Configuration;
using Kiosk.HostBridge.Devices;
using Kiosk.HostBridge.DevPki;
using Kiosk.HostBridge.Storage;
using Microsoft.Extensions.Options;

namespace Kiosk.HostBridge.Hosting;

/// <summary>Runs before the server listens: migrations, the development device's enrolment, the first trust load.</summary>
public sealed class BridgeInitializer(Migrator migrator, DeviceRegistry registry, DeviceTrustCache trust, BridgePaths paths,
    IOptions<BridgeOptions> options, PrometheusExporter exporter, ILogger<BridgeInitializer> logger) : IHostedService
{
    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _ = exporter; // created now so it listens from the first measurement on
        var applied = await migrator.MigrateAsync(cancellationToken);
        if (applied.Count > 0) logger.LogInformation("Applied migrations {Versions}", string.Join(",", applied));
        if (options.Value.Pki.GenerateDevPki && paths.DevPki is { } dev)
        {
            using var device = dev.LoadDevice();
            await registry.UpsertStoreAsync("dev-store", "000000", "Development store", cancellationToken);
            await registry.EnrollAsync(DevPkiFiles.DevDeviceId, "dev-store", device.SerialNumber, device.NotAfter.ToUniversalTime(), cancellationToken);
        }
        await trust.RefreshAsync(cancellationToken);
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
