using Kiosk.HostBridge.Payments;

namespace Kiosk.HostBridge.Orders;

/// <summary>Advances an order as soon as its payment is confirmed (paid → issuing → printing → printed) rather than waiting for
/// the order worker's next tick at each step. Runs beside the worker, never instead of it: the pipeline lets only one
/// advance of an order run at a time on this instance, and the worker still picks up anything this misses.</summary>
public sealed class OrderWakeup(OrderPipeline pipeline, OrderStore orders, IHostApplicationLifetime lifetime, ILogger<OrderWakeup> logger) : IPaymentEvents
{
    /// <summary>Steps taken at most per wake-up (awaiting-payment → paid → issuing/printing → printed).</summary>
    private const int MaxSteps = 4;

    /// <inheritdoc />
    public void Authorised(string orderId)
    {
        var ct = lifetime.ApplicationStopping;
        _ = Task.Run(async () =>
        {
            try
            {
                string? before = null;
                for (var i = 0; i < MaxSteps && !ct.IsCancellationRequested; i++)
                {
                    await pipeline.AdvanceAsync(orderId, ct);
                    var now = await orders.GetAsync(orderId, ct);
                    if (now is null || now.IsFinal || now.State == before) return;
                    before = now.State;
                }
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                // The worker's next pass advances it instead.
                logger.LogWarning("Advancing order {OrderId} after its payment failed: {Error}", orderId, e.GetType().Name);
            }
            catch (OperationCanceledException)
            {
            }
        }, CancellationToken.None);
    }
}
