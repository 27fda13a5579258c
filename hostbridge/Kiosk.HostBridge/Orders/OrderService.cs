using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Kiosk.HostBridge.Api;
using Kiosk.HostBridge.Audit;
using Kiosk.HostBridge.Configuration;
using Kiosk.HostBridge.Devices;
using Kiosk.HostBridge.Payments;
using Kiosk.HostBridge.Printing;
using Kiosk.HostBridge.Sessions;
using Kiosk.HostBridge.Storage;
using Microsoft.Extensions.Options;

namespace Kiosk.HostBridge.Orders;

/// <summary>Places, reads and cancels orders for a terminal; a retry with the same idempotency key returns the same order.</summary>
public sealed class OrderService(
    IDatabase database, OrderStore orders, SessionService sessionService, OrderPipeline pipeline, AuditLog audit, IPaymentProvider payments,
    PrintGates printers, IOptions<BridgeOptions> options, TimeProvider clock, ILogger<OrderService> logger)
{
    /// <summary>Places an order (created = true) or returns the earlier order with this key (created = false).</summary>
    public async Task<(OrderRow Order, bool Created)> PlaceAsync(DeviceRecord device, string sessionId, string idempotencyKey, PlaceOrderRequest request,
        CancellationToken ct)
    {
        var requestHash = HashRequest(sessionId, request);
        var existing = await orders.GetByKeyAsync(device.DeviceId, idempotencyKey, ct);
        if (existing is not null) return (await SameOrderAsync(existing, requestHash, ct), false);

        var (session, offers) = await sessionService.OffersAsync(device, sessionId, ct);
        var offer = offers.FirstOrDefault(o => o.Code == request.Product) ?? throw new KioskProblemException("not-offered");
        if (!offer.Available) throw new KioskProblemException(offer.ReasonCode ?? "product-unavailable");
        if (request.Copies < 1 || request.Copies > offer.MaxCopies) throw new KioskProblemException("bad-request", "Copies out of range.");
        if (request.Options.Distinct().Count() != request.Options.Length || request.Options.Any(o => offer.Options.All(x => x.Code != o)))
            throw new KioskProblemException("bad-request", "Unknown or repeated option.");
        if (request.Members.Distinct().Count() != request.Members.Length || request.Members.Any(m => offer.Members.All(x => x.MemberId != m)))
            throw new KioskProblemException("bad-request", "Unknown or repeated member.");
        if (request.Year is < 1900 or > 2200) throw new KioskProblemException("bad-request", "Year out of range.");
        // The municipality decides which fiscal years exist for this resident; a product without years takes none.
        if (offer.OfferedYears.Count > 0 && (request.Year is not { } year || !offer.OfferedYears.Contains(year)))
            throw new KioskProblemException("bad-request", "Year must be one of the product's years.");
        if (offer.OfferedYears.Count == 0 && request.Year is not null)
            throw new KioskProblemException("bad-request", "This product takes no year.");

        if (printers.ForStore(device.StoreId) is null)
        {
            // Refused before any row or payment exists: no money is taken for a document no printer could print. The wire
            // code stays printer-unavailable (every terminal knows it); the detail tells staff what to fix.
            logger.LogWarning("Order refused: store {StoreId} of device {DeviceId} has no printer (Printing:Printers)", device.StoreId, device.DeviceId);
            throw new KioskProblemException("printer-unavailable",
                OrderPipeline.NoPrinterForStore + ": store " + device.StoreId + " has no printer in Printing:Printers.");
        }

        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var order = new OrderRow
        {
            OrderId = Guid.NewGuid().ToString("N"), SessionId = sessionId, DeviceId = device.DeviceId, StoreId = device.StoreId,
            IdempotencyKey = idempotencyKey, RequestHash = requestHash, SerialHash = session.SerialHash!, ReceiptCode = session.ReceiptCode!,
            Product = request.Product, Options = JsonSerializer.Serialize(request.Options.Order(StringComparer.Ordinal)),
            Members = JsonSerializer.Serialize(request.Members.Order(StringComparer.Ordinal)), Copies = request.Copies, Year = request.Year,
            FeeYen = (long)offer.FeeYen * request.Copies, State = OrderStates.Creating, CreatedAt = now, UpdatedAt = now,
            DeadlineAt = now + (long)options.Value.Timing.OrderDeadline.TotalMilliseconds,
        };
        try
        {
            await using var c = await database.OpenAsync(ct);
            await using var tx = await database.BeginWriteAsync(c, ct);
            await orders.InsertAsync(c, tx, order);
            await audit.AppendAsync(c, tx, new AuditEntry("order", "created", device.DeviceId, device.StoreId, sessionId, order.OrderId,
                order.SerialHash, order.ReceiptCode, order.Product));
            await tx.CommitAsync(ct);
        }
        catch (Exception e) when (database.IsUniqueViolation(e) || database.IsTransient(e))
        {
            // A concurrent duplicate won the unique (device, key) constraint: answer with its order.
            existing = await orders.GetByKeyAsync(device.DeviceId, idempotencyKey, ct)
                ?? throw new KioskProblemException("internal", "Idempotency conflict without an order.");
            return (await SameOrderAsync(existing, requestHash, ct), false);
        }

        PaymentIntent intent;
        try
        {
            intent = await payments.CreateAsync(order.OrderId, (int)order.FeeYen, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning("Payment start for order {OrderId} failed: {Error}", order.OrderId, e.GetType().Name);
            await pipeline.AbortAsync(order, OrderStates.Failed, OrderReasons.PaymentFailed, ct);
            throw new KioskProblemException("payment-failed");
        }
        OrderRow? placed;
        await using (var c = await database.OpenAsync(ct))
        {
            placed = await orders.TransitionReturningAsync(c, null, order, OrderStates.AwaitingPayment, null, intent.PaymentId, intent.PaymentCode);
        }
        if (placed is null)
        {
            // The order was aborted while the payment started (session closed or timed out): give the money back.
            await payments.VoidOrRefundAsync(intent.PaymentId, "aborted", ct);
            return ((await orders.GetAsync(order.OrderId, ct))!, true);
        }
        orders.Changes.Signal(order.OrderId);
        return (placed, true);
    }

    private async Task<OrderRow> SameOrderAsync(OrderRow existing, string requestHash, CancellationToken ct)
    {
        if (existing.RequestHash != requestHash) throw new KioskProblemException("idempotency-key-reused");
        // The first request may still be starting the payment: wait briefly so both answers carry the same payment code.
        for (var i = 0; i < 100 && existing.State == OrderStates.Creating; i++)
        {
            await Task.Delay(50, ct);
            existing = (await orders.GetAsync(existing.OrderId, ct))!;
        }
        return existing;
    }

    /// <summary>An order of this device (404 for any other), sliding its session's expiry.</summary>
    public async Task<OrderRow> GetAsync(DeviceRecord device, string orderId, CancellationToken ct)
    {
        // The order and its session in one read: every poll checks (and slides) the session.
        var (order, session) = await orders.GetWithSessionAsync(orderId, ct);
        if (order is null || order.DeviceId != device.DeviceId) throw new KioskProblemException("order-not-found");
        if (!order.IsFinal)
        {
            try
            {
                await sessionService.RequireAsync(device, order.SessionId, session, authenticated: true, ct);
            }
            catch (KioskProblemException)
            {
                // The session is gone; the order was aborted with it. The status read again below says so.
                order = (await orders.GetAsync(orderId, ct))!;
            }
        }
        return order;
    }

    /// <summary>Longest wait a terminal may ask for on an order poll; a longer <c>wait</c> is cut to this.</summary>
    public const int MaxWaitMs = 2000;

    /// <summary>How often a waiting poll re-reads the database anyway: a change made by another bridge instance is not signalled
    /// on this one.</summary>
    public static readonly TimeSpan WaitReread = TimeSpan.FromMilliseconds(500);

    /// <summary>Like <see cref="GetAsync"/>, but while the order's state on the wire is still <paramref name="knownState"/> (and not
    /// final) waits up to <paramref name="wait"/> for it to change; answers the same state at the end of the wait.</summary>
    public async Task<OrderRow> WaitAsync(DeviceRecord device, string orderId, string knownState, TimeSpan wait, CancellationToken ct)
    {
        var until = clock.GetUtcNow() + wait;
        // Registered before the first read, so a change committed between that read and the wait still wakes it.
        var changed = orders.Changes.Register(orderId);
        try
        {
            var order = await GetAsync(device, orderId, ct);
            while (!order.IsFinal && OrderStates.OnWire(order.State) == knownState)
            {
                var left = until - clock.GetUtcNow();
                if (left <= TimeSpan.Zero) break;
                using (var stop = CancellationTokenSource.CreateLinkedTokenSource(ct))
                {
                    await Task.WhenAny(changed, Task.Delay(left < WaitReread ? left : WaitReread, clock, stop.Token));
                    stop.Cancel();
                }
                ct.ThrowIfCancellationRequested();
                orders.Changes.Release(orderId, changed);
                changed = orders.Changes.Register(orderId);
                // The device owns the order (checked above) and that never changes: a plain read is enough here.
                order = await orders.GetAsync(orderId, ct) ?? throw new KioskProblemException("order-not-found");
            }
            return order;
        }
        finally
        {
            orders.Changes.Release(orderId, changed);
        }
    }

    /// <summary>Cancels an order that has not started printing; money is voided.</summary>
    public async Task<OrderRow> CancelAsync(DeviceRecord device, string orderId, CancellationToken ct)
    {
        var order = await orders.GetAsync(orderId, ct);
        if (order is null || order.DeviceId != device.DeviceId) throw new KioskProblemException("order-not-found");
        for (var attempt = 0; attempt < 10; attempt++)
        {
            if (order.State == OrderStates.Cancelled) return order;
            if (order.State is OrderStates.Printing or OrderStates.Printed or OrderStates.Failed or OrderStates.Refunded)
                throw new KioskProblemException("order-not-cancellable");
            await pipeline.AbortAsync(order, OrderStates.Cancelled, OrderReasons.CancelledByResident, ct);
            order = (await orders.GetAsync(orderId, ct))!;
        }
        return order;
    }

    private static string HashRequest(string sessionId, PlaceOrderRequest r)
    {
        var canonical = JsonSerializer.Serialize(new object?[]
        {
            sessionId, r.Product, r.Options.Order(StringComparer.Ordinal).ToArray(), r.Members.Order(StringComparer.Ordinal).ToArray(), r.Copies, r.Year,
        });
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }
}
