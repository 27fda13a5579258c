using System.Collections.Concurrent;
using System.Text.Json;
using Kiosk.HostBridge.Audit;
using Kiosk.HostBridge.Issuance;
using Kiosk.HostBridge.Payments;
using Kiosk.HostBridge.Printing;
using Kiosk.HostBridge.Privacy;
using Kiosk.HostBridge.Sessions;
using Kiosk.HostBridge.Storage;

namespace Kiosk.HostBridge.Orders;

/// <summary>
/// Moves orders forward (payment → issuance → print → done) and aborts them. Each step claims the order with a
/// compare-and-set, re-checks the (device, session, serial hash) binding, and a document is only ever printed for the
/// order that fetched it. Runs on every instance; the claims make sure only one acts on an order at a time.
/// </summary>
public sealed class OrderPipeline(
    IDatabase database, OrderStore orders, SessionStore sessions, AuditLog audit, IIssuanceBackend issuance, IPrinter printer,
    IPaymentProvider payments, SerialHasher hasher, ResidentSeal seal, BridgeMetrics metrics, TimeProvider clock, ILogger<OrderPipeline> logger)
{
    private readonly ConcurrentDictionary<string, byte> _inFlight = new();

    /// <summary>Takes the next step for an order if one is due; safe to call concurrently from any instance.</summary>
    public async Task AdvanceAsync(string orderId, CancellationToken ct)
    {
        if (!_inFlight.TryAdd(orderId, 0)) return;
        try
        {
            var order = await orders.GetAsync(orderId, ct);
            if (order is null || order.IsFinal) return;
            var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
            if (now >= order.DeadlineAt)
            {
                await TimeOutAsync(order, ct);
                return;
            }
            switch (order.State)
            {
                case OrderStates.AwaitingPayment:
                    if (order.PaymentId is not null && await payments.IsAuthorisedAsync(order.PaymentId, ct))
                        await TransitionAsync(order, OrderStates.Paid, null, "payment", "authorised", ct);
                    break;
                case OrderStates.Paid:
                    await IssueAndPrintAsync(order, ct);
                    break;
                case OrderStates.Printing when order.PrintJobId is not null:
                    await FollowPrintJobAsync(order, ct);
                    break;
            }
        }
        finally
        {
            _inFlight.TryRemove(orderId, out _);
        }
    }

    private async Task IssueAndPrintAsync(OrderRow order, CancellationToken ct)
    {
        if (!await TransitionAsync(order, OrderStates.Issuing, null, "issue", "started", ct)) return;
        order = (await orders.GetAsync(order.OrderId, ct))!;
        var (binding, resident) = await CheckBindingAsync(order, ct);
        if (binding is not null)
        {
            await AbortAsync(order, OrderStates.Failed, binding, ct);
            return;
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(TimeSpan.FromMilliseconds(Math.Max(1, order.DeadlineAt - clock.GetUtcNow().ToUnixTimeMilliseconds())));
        IssuedDocument document;
        try
        {
            document = await issuance.IssueAsync(new IssueRequest(order.OrderId, resident!, order.Product,
                JsonSerializer.Deserialize<string[]>(order.Options)!, JsonSerializer.Deserialize<string[]>(order.Members)!,
                (int)order.Copies, order.Year is null ? null : (int)order.Year), deadline.Token);
        }
        catch (IssuanceRefusedException e)
        {
            await AbortAsync(order, OrderStates.Failed, e.ReasonCode, ct);
            return;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            await TimeOutAsync(order, ct);
            return;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning("Issuance for order {OrderId} failed: {Error}", order.OrderId, e.GetType().Name);
            await AbortAsync(order, OrderStates.Failed, "issuance-failed", ct);
            return;
        }

        // The document must be for the card that authenticated this very order, never the next applicant's.
        if (hasher.Hash(document.SubjectCertificateSerialHex) != order.SerialHash)
        {
            logger.LogError("Issued document for order {OrderId} is for another certificate; discarded", order.OrderId);
            await AbortAsync(order, OrderStates.Failed, "issuance-mismatch", ct);
            return;
        }

        var status = await printer.GetStatusAsync(ct);
        if (!status.Ready)
        {
            var reason = status.Reasons.Any(r => r.Contains("media-empty", StringComparison.OrdinalIgnoreCase) || r.Contains("paper", StringComparison.OrdinalIgnoreCase))
                ? "printer-out-of-paper" : "printer-unavailable";
            await AbortAsync(order, OrderStates.Failed, reason, ct);
            return;
        }

        // Re-check the binding right before printing: the session may have been closed, expired or superseded while issuing.
        order = (await orders.GetAsync(order.OrderId, ct))!;
        if (order.State != OrderStates.Issuing) return;
        (binding, _) = await CheckBindingAsync(order, ct);
        if (binding is not null)
        {
            await AbortAsync(order, OrderStates.Failed, binding, ct);
            return;
        }
        if (!await TransitionAsync(order, OrderStates.Printing, null, "print", "submitting", ct)) return;
        var printingVersion = order.Version + 1;

        var handle = await printer.SubmitAsync(
            new PrintJob(order.OrderId, order.SessionId, order.SerialHash, document.DocumentId, document.Pdf, (int)order.Copies), ct);
        if (order.PaymentId is not null) await payments.CaptureAsync(order.PaymentId, ct);
        if (!await orders.SetPrintJobAsync(order.OrderId, printingVersion, handle.JobId, ct))
        {
            // Aborted between the claim and the submission: the job must not come out, and the money goes back.
            await printer.CancelAsync(handle, ct);
            if (order.PaymentId is not null) await payments.VoidOrRefundAsync(order.PaymentId, "aborted", ct);
            return;
        }
        await audit.AppendAsync(Entry(order, "print", "submitted"), ct);
    }

    private async Task FollowPrintJobAsync(OrderRow order, CancellationToken ct)
    {
        var state = await printer.GetJobStateAsync(new PrintJobHandle(order.OrderId, order.PrintJobId!), ct);
        switch (state)
        {
            case PrintJobState.Completed:
                if (await TransitionAsync(order, OrderStates.Printed, null, "printed", "ok", ct))
                    metrics.OrderFinished(OrderStates.Printed, Elapsed(order));
                break;
            case PrintJobState.Aborted or PrintJobState.Cancelled:
                await AbortAsync(order, OrderStates.Failed, "printer-failed", ct);
                break;
        }
    }

    /// <summary>Null when the order may still proceed for its session and card, otherwise the reason it may not.</summary>
    private async Task<(string? Problem, ResidentRef? Resident)> CheckBindingAsync(OrderRow order, CancellationToken ct)
    {
        var session = await sessions.GetAsync(order.SessionId, ct);
        if (session is null || session.State != SessionStates.Authenticated || session.SealedResident is null) return ("session-ended", null);
        if (session.DeviceId != order.DeviceId || session.SerialHash != order.SerialHash) return ("binding-mismatch", null);
        if (session.ExpiresAt <= clock.GetUtcNow().ToUnixTimeMilliseconds()) return ("timeout", null);
        var resident = seal.Open(session.SealedResident, session.SessionId);
        if (hasher.Hash(resident.CertificateSerialHex) != order.SerialHash) return ("binding-mismatch", null);
        return (null, resident);
    }

    /// <summary>Aborts an order from whatever state it is in: voids or refunds money, cancels a print job; no-op when final.</summary>
    public async Task AbortAsync(OrderRow order, string finalState, string reason, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 10; attempt++)
        {
            if (order.IsFinal) return;
            var captured = order.State == OrderStates.Printing && order.PrintJobId is not null;
            var target = captured ? OrderStates.Refunded : finalState;
            if (await TransitionAsync(order, target, reason, "abort", reason, ct))
            {
                metrics.Failure(reason);
                metrics.OrderFinished(target, Elapsed(order));
                if (order.PrintJobId is not null) await printer.CancelAsync(new PrintJobHandle(order.OrderId, order.PrintJobId), ct);
                if (order.PaymentId is not null) await payments.VoidOrRefundAsync(order.PaymentId, reason, ct);
                return;
            }
            order = (await orders.GetAsync(order.OrderId, ct))!;
        }
        throw new InvalidOperationException("Order " + order.OrderId + " kept changing while being aborted.");
    }

    /// <summary>Aborts every open order of a session (session closed, expired or superseded).</summary>
    public async Task AbortSessionOrdersAsync(string sessionId, string finalState, string reason, CancellationToken ct)
    {
        foreach (var order in await orders.OpenOrdersAsync(sessionId, ct)) await AbortAsync(order, finalState, reason, ct);
    }

    /// <summary>A timeout aborts the whole transaction: the session ends first (so nothing can continue in it), then every order in it.</summary>
    private async Task TimeOutAsync(OrderRow order, CancellationToken ct)
    {
        await EndSessionAfterTimeoutAsync(order, ct);
        await AbortAsync((await orders.GetAsync(order.OrderId, ct))!, OrderStates.Failed, "timeout", ct);
    }

    private async Task EndSessionAfterTimeoutAsync(OrderRow order, CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        await using var tx = await database.BeginWriteAsync(c, ct);
        var ended = await sessions.EndAsync(c, tx, order.SessionId, SessionStates.Expired, "timeout");
        if (ended) await audit.AppendAsync(c, tx, new AuditEntry("session-end", "timeout", order.DeviceId, order.StoreId, order.SessionId));
        await tx.CommitAsync(ct);
        if (ended) await AbortSessionOrdersAsync(order.SessionId, OrderStates.Failed, "timeout", ct);
    }

    private async Task<bool> TransitionAsync(OrderRow order, string to, string? reason, string step, string outcome, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await using var c = await database.OpenAsync(ct);
                await using var tx = await database.BeginWriteAsync(c, ct);
                if (!await orders.TransitionAsync(c, tx, order, to, reason)) return false;
                await audit.AppendAsync(c, tx, Entry(order, step, outcome));
                await tx.CommitAsync(ct);
                return true;
            }
            catch (Exception e) when (attempt < 5 && database.IsTransient(e))
            {
                await Task.Delay(20 * (attempt + 1), ct);
            }
        }
    }

    private static AuditEntry Entry(OrderRow o, string step, string outcome)
        => new(step, outcome, o.DeviceId, o.StoreId, o.SessionId, o.OrderId, o.SerialHash, o.ReceiptCode, o.Product);

    private TimeSpan Elapsed(OrderRow o) => TimeSpan.FromMilliseconds(clock.GetUtcNow().ToUnixTimeMilliseconds() - o.CreatedAt);
}
