using Kiosk.HostBridge.Configuration;
using Microsoft.Extensions.Options;

namespace Kiosk.HostBridge.Jpki;

/// <summary>Fetches the CRLs at start and then on the configured interval.</summary>
public sealed class CrlRefresher(CrlCache cache, IOptions<BridgeOptions> options) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await cache.RefreshAsync(stoppingToken);
        using var timer = new PeriodicTimer(options.Value.Jpki.CrlRefreshInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken)) await cache.RefreshAsync(stoppingToken);
    }
}
