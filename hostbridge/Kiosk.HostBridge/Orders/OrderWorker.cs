using Kiosk.HostBridge.Configuration;
using Kiosk.HostBridge.Sessions;
using Microsoft.Extensions.Options;

namespace Kiosk.HostBridge.Orders;

/// <summary>Each instance's loop: expire timed-out sessions (aborting their orders) and advance open orders. Holds no state of its own.</summary>
public sealed class OrderWorker(IServiceProvider services, IOptions<BridgeOptions> options, TimeProvider clock, ILogger<OrderWorker> logger)
    : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Timing.WorkerInterval);
        var nextSweep = DateTimeOffset.MinValue;
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                if (clock.GetUtcNow() >= nextSweep && services.GetService<PaymentSettlementSweep>() is { } sweep)
                {
                    // First pass after a start (a crash may have left money behind), then every few minutes.
                    var timing = options.Value.Timing;
                    await sweep.RunAsync(timing.OrderDeadline * 2 + timing.RecoveryGrace, stoppingToken);
                    nextSweep = clock.GetUtcNow() + timing.SettlementSweepInterval;
                }
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(e, "Order worker pass failed");
            }
        }
    }

    /// <summary>One pass: expiries first, so no order of an expired session is advanced.</summary>
    public async Task RunOnceAsync(CancellationToken ct)
    {
        var sessions = services.GetRequiredService<SessionStore>();
        var sessionService = services.GetRequiredService<SessionService>();
        var orders = services.GetRequiredService<OrderStore>();
        var pipeline = services.GetRequiredService<OrderPipeline>();
        foreach (var id in await sessions.ExpiredActiveAsync(clock.GetUtcNow().ToUnixTimeMilliseconds(), ct))
            await sessionService.ExpireAsync(id, "timeout", ct);
        var open = await orders.OpenOrdersAsync(null, ct);
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var recheck = (long)options.Value.Timing.PaymentRecheck.TotalMilliseconds;
        var stillOpen = new HashSet<string>(StringComparer.Ordinal);
        // Each order advances on its own task so one slow municipality call holds up neither other terminals nor expiries;
        // the pipeline skips orders this instance is already working on.
        foreach (var order in open)
        {
            stillOpen.Add(order.OrderId);
            if (!pipeline.HasWorkFor(order, now)) continue;
            if (order.State == OrderStates.AwaitingPayment && now < order.DeadlineAt)
            {
                if (_paymentAskedAt.TryGetValue(order.OrderId, out var asked) && now - asked < recheck) continue;
                _paymentAskedAt[order.OrderId] = now;
            }
            var task = Task.Run(async () =>
            {
                try
                {
                    await pipeline.AdvanceAsync(order.OrderId, ct);
                }
                catch (Exception e) when (!ct.IsCancellationRequested)
                {
                    logger.LogError(e, "Advancing order {OrderId} failed", order.OrderId);
                }
            }, ct);
            _running[task] = 0;
            _ = task.ContinueWith(t => _running.TryRemove(t, out _), TaskScheduler.Default);
        }
        foreach (var id in _paymentAskedAt.Keys)
        {
            if (!stillOpen.Contains(id)) _paymentAskedAt.TryRemove(id, out _);
        }
    }

    // When this instance's pass last asked about each order awaiting payment (see TimingOptions.PaymentRecheck).
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> _paymentAskedAt = new(StringComparer.Ordinal);

    private readonly System.Collections.Concurrent.ConcurrentDictionary<Task, byte> _running = new();

    /// <inheritdoc />
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await Task.WhenAll(_running.Keys).WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
        }
        catch (Exception)
        {
            // Shutting down: anything unfinished is picked up by another instance or aborted at its deadline.
        }
    }
}
