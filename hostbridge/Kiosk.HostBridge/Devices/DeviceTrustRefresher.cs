using Kiosk.HostBridge.Configuration;
using Microsoft.Extensions.Options;

namespace Kiosk.HostBridge.Devices;

/// <summary>Re-reads devices and revocations on an interval so a revocation made through any instance reaches all of them.</summary>
public sealed class DeviceTrustRefresher(DeviceTrustCache cache, IOptions<BridgeOptions> options, ILogger<DeviceTrustRefresher> logger)
    : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Pki.TrustRefreshInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await cache.RefreshAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "Device trust refresh failed; keeping the previous list");
            }
        }
    }
}
