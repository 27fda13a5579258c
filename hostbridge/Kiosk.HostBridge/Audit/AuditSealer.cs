using Microsoft.Extensions.Options;

namespace Kiosk.HostBridge.Audit;

/// <summary>Chains queued audit appends shortly after they are made (and at start, for appends a crash left queued).</summary>
public sealed class AuditSealer(AuditLog audit, IOptions<Configuration.BridgeOptions> options, ILogger<AuditSealer> logger) : BackgroundService
{
    private readonly SealSignal _signal = new();

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        audit.Appended += _signal.Signal;
        try
        {
            var delay = options.Value.Timing.AuditSealDelay;
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await audit.SealAsync(stoppingToken);
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    logger.LogError(e, "Sealing the audit failed; queued records stay queued and are retried");
                }
                // Woken by an append, or once a second for appends of other instances; the short delay gathers a batch.
                await _signal.WaitAsync(TimeSpan.FromSeconds(1), stoppingToken);
                await Task.Delay(delay, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            audit.Appended -= _signal.Signal;
        }
    }

    /// <inheritdoc />
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            // A clean stop leaves nothing queued; a crash leaves it to the next start.
            await audit.SealAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Final audit seal failed; the next start seals the queued records");
        }
    }
}
