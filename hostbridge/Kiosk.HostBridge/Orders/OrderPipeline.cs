using System.Collections.Concurrent;
using System.Security.Cryptography;
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
/// order that fetched it. Runs on every instance; the claims make sure only one acts on an order at a time. Printing goes
/// only through <see cref="PaidPrintService"/> and the <see cref="PrintGate"/> of the order's store printer (<see cref="PrintGates"/>,
/// found by the order's store id, also when recovering after a restart): one order per printer at a time, binding
/// re-checked right before submission, capture only once the printer accepted the job, a job whose cancel cannot be
/// confirmed holds the printer, and the document bytes are wiped.
/// </summary>
public sealed class OrderPipeline(
    IDatabase database, OrderStore orders, SessionStore sessions, AuditLog audit, IIssuanceBackend issuance, PrintGates gates,
    IPaymentProvider payments, PaidPrintService paidPrint, SerialHasher hasher, ResidentSeal seal, BridgeMetrics metrics, TimeProvider clock, ILogger<OrderPipeline> logger,
    OrderRecoveryContext? recovery = null)
{
    private readonly TimeSpan _recoveryGrace = recovery?.Grace ?? TimeSpan.FromSeconds(30);
    // Why an order inside the gate is being aborted: the gate ends the job, then the order ends with this reason.
    private readonly ConcurrentDictionary<string, string> _abortReasons = new();
    private readonly ConcurrentDictionary<string, byte> _inFlight = new();
    // Orders whose print is inside the gate on this instance: an abort cancels the gate's wait instead of the job itself,
    // so the gate ends the job, confirms it (or holds the printer) and settles the money.
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _printing = new();

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
                    switch (await PaymentStateAsync(order, ct))
                    {
                        case PaymentProbe.Authorised:
                            await TransitionAsync(order, OrderStates.Paid, null, "payment", "authorised", ct);
                            break;
                        case PaymentProbe.Expired:
                            await AbortAsync(order, OrderStates.Cancelled, OrderReasons.PaymentExpired, ct);
                            break;
                    }
                    break;
                case OrderStates.Paid:
                    await IssueAndPrintAsync(order, ct);
                    break;
                case OrderStates.Printing when order.PrintJobId is not null:
                    await FollowPrintJobAsync(order, ct);
                    break;
                // Orphaned by a crash (no request and no step of this instance holds them): see docs/reliability.md.
                case OrderStates.Creating when IsStale(order, now):
                    await RecoverCreatingAsync(order, ct);
                    break;
                case OrderStates.Issuing when IsStale(order, now):
                    await ResumeIssuingAsync(order, ct);
                    break;
                case OrderStates.Printing when IsStale(order, now):
                    await RecoverUnrecordedPrintAsync(order, ct);
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
        if (await TransitionToAsync(order, OrderStates.Issuing, null, "issue", "started", ct) is { } issuing)
            await IssueClaimedAsync(issuing, ct);
    }

    /// <summary>Where the order's payment stands: one read of the payment when the provider can answer it in one
    /// (<see cref="IPaymentStateProbe"/>), else the provider's authorisation check and then the payment store's row.</summary>
    private async Task<PaymentProbe> PaymentStateAsync(OrderRow order, CancellationToken ct)
    {
        if (order.PaymentId is null) return PaymentProbe.Pending;
        if (payments is IPaymentStateProbe probe) return await probe.ProbeAsync(order.PaymentId, ct);
        if (await payments.IsAuthorisedAsync(order.PaymentId, ct)) return PaymentProbe.Authorised;
        return await PaymentExpiredAsync(order, ct) ? PaymentProbe.Expired : PaymentProbe.Pending;
    }

    /// <summary>True when the order's pay-at-register code has expired unpaid (the provider marks it expired when asked after
    /// its lifetime): the order ends then, instead of waiting for the terminal's or the order's timeout.</summary>
    private async Task<bool> PaymentExpiredAsync(OrderRow order, CancellationToken ct)
    {
        if (order.PaymentId is null || recovery?.PaymentStore is not { } store) return false;
        var payment = await store.FindAsync(order.PaymentId, ct);
        return payment is not null && payment.State == PaymentSteps.Expired;
    }

    /// <summary>Whether <see cref="AdvanceAsync"/> would act on this row now, so the worker's pass need not re-read orders that only wait.</summary>
    public bool HasWorkFor(OrderRow order, long now)
    {
        if (order.IsFinal || _inFlight.ContainsKey(order.OrderId)) return false;
        if (now >= order.DeadlineAt) return true;
        return order.State switch
        {
            OrderStates.AwaitingPayment or OrderStates.Paid => true,
            OrderStates.Printing when order.PrintJobId is not null => true,
            OrderStates.Creating or OrderStates.Issuing or OrderStates.Printing => IsStale(order, now),
            _ => false,
        };
    }

    private bool IsStale(OrderRow order, long now) => now - order.UpdatedAt >= (long)_recoveryGrace.TotalMilliseconds;

    /// <summary>Crash between the order row and its payment: the order fails, and a payment already started for it is voided.</summary>
    private async Task RecoverCreatingAsync(OrderRow order, CancellationToken ct)
    {
        await AbortAsync(order, OrderStates.Failed, OrderReasons.BridgeRestart, ct);
        if (recovery?.PaymentStore is { } store && await store.FindByOrderAsync(order.OrderId, ct) is { } payment)
            await payments.VoidOrRefundAsync(payment.PaymentId, OrderReasons.BridgeRestart, ct);
    }

    /// <summary>Crash while the municipality was asked: claim the order again (compare-and-set on its version, so one instance
    /// wins) and ask again; the municipality answers the same order id with the same document.</summary>
    private async Task ResumeIssuingAsync(OrderRow order, CancellationToken ct)
    {
        if (await TransitionToAsync(order, OrderStates.Issuing, null, "issue", "resumed", ct) is { } issuing)
            await IssueClaimedAsync(issuing, ct);
    }

    /// <summary>Crash between claiming the printer and recording the job: ask the printer what it has under this order's
    /// job-name. A completed job makes the order printed (money captured); an open one is recorded and followed; no job at
    /// all means nothing was submitted, so the order goes back to paid and prints again (binding re-checked); an unreachable
    /// printer is asked again on the next pass (until the order's deadline).</summary>
    private async Task RecoverUnrecordedPrintAsync(OrderRow order, CancellationToken ct)
    {
        var printer = PrinterOf(order);
        if (printer is null)
        {
            // The store lost its printer in the configuration while this order was printing: nothing can be asked and
            // nothing was recorded as submitted, so the money is voided; the audit names why.
            await AbortAsync(order, OrderStates.Failed, NoPrinterForStore, ct);
            return;
        }
        if (printer is not IPrintJobHistory history)
        {
            await AbortAsync(order, OrderStates.Failed, OrderReasons.BridgeRestart, ct);
            return;
        }
        var jobs = await history.FindJobsAsync(order.OrderId, ct);
        if (jobs is null) return;
        var completed = jobs.FirstOrDefault(j => j.State == PrintJobState.Completed);
        if (completed is not null)
        {
            if (await orders.SetPrintJobAsync(order.OrderId, order.Version, completed.Handle.JobId, ct))
                await FinishPrintedAsync((await orders.GetAsync(order.OrderId, ct))!, "recovered", ct);
            return;
        }
        var open = jobs.FirstOrDefault(j => j.State is PrintJobState.Pending or PrintJobState.Processing);
        if (open is not null)
        {
            await orders.SetPrintJobAsync(order.OrderId, order.Version, open.Handle.JobId, ct);
            return; // followed on the next pass like any recorded job
        }
        // Nothing reached the printer and nothing was captured: start the print step again from paid. The document is
        // fetched again (same order id, same document) and the gate re-checks the binding, so a resident who left gets
        // nothing printed and the money voided.
        await TransitionAsync(order, OrderStates.Paid, null, "print", "resubmit-after-restart", ct);
    }

    /// <summary>The job completed: capture the money first (a crash in between is caught by the same step again), then printed.</summary>
    private async Task FinishPrintedAsync(OrderRow order, string outcome, CancellationToken ct)
    {
        if (order.PaymentId is not null)
        {
            try
            {
                await payments.CaptureAsync(order.PaymentId, ct);
            }
            catch (InvalidOperationException e)
            {
                // The paper is out; the money was already given back. Printed is the truth; staff settle the payment.
                logger.LogError("Order {OrderId} printed but its payment could not be captured: {Error}", order.OrderId, e.Message);
            }
        }
        if (await TransitionAsync(order, OrderStates.Printed, null, "printed", outcome, ct))
            metrics.OrderFinished(OrderStates.Printed, Elapsed(order));
    }

    private async Task IssueClaimedAsync(OrderRow order, CancellationToken ct)
    {
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
            await AbortAsync(order, OrderStates.Failed, OrderReasons.IssuanceFailed, ct);
            return;
        }

        // The document must be for the card that authenticated this very order, never the next applicant's.
        if (hasher.Hash(document.SubjectCertificateSerialHex) != order.SerialHash)
        {
            logger.LogError("Issued document for order {OrderId} is for another certificate; discarded", order.OrderId);
            CryptographicOperations.ZeroMemory(document.Pdf);
            await AbortAsync(order, OrderStates.Failed, OrderReasons.IssuanceMismatch, ct);
            return;
        }

        // Re-check the binding before claiming the printing state: the session may have been closed, expired or superseded
        // while issuing. The gate checks it once more immediately before submission (and before every retry).
        // One read answers both: the order (still issuing?) and its session (still bound?).
        var (current, session) = await orders.GetWithSessionAsync(order.OrderId, ct);
        order = current!;
        if (order.State != OrderStates.Issuing)
        {
            CryptographicOperations.ZeroMemory(document.Pdf);
            return;
        }
        (binding, _) = CheckBinding(order, session);
        if (binding is not null)
        {
            CryptographicOperations.ZeroMemory(document.Pdf);
            await AbortAsync(order, OrderStates.Failed, binding, ct);
            return;
        }
        if (await TransitionToAsync(order, OrderStates.Printing, null, "print", "submitting", ct, printerId: gates.ForStore(order.StoreId)?.Id)
            is not { } printing)
        {
            CryptographicOperations.ZeroMemory(document.Pdf);
            return;
        }
        await PrintThroughGateAsync(printing, document, ct);
    }

    private async Task PrintThroughGateAsync(OrderRow order, IssuedDocument document, CancellationToken ct)
    {
        if (StorePrinterOf(order) is not { } storePrinter)
        {
            // Order creation refuses stores without a printer; this is a store removed from the directory since.
            CryptographicOperations.ZeroMemory(document.Pdf);
            logger.LogError("Order {OrderId}: store {StoreId} has no printer (Printing:Printers)", order.OrderId, order.StoreId);
            await AbortAsync(order, OrderStates.Failed, NoPrinterForStore, ct);
            return;
        }
        var gate = storePrinter.Gate;
        var request = new PrintRequest(order.OrderId, order.SessionId, order.SerialHash, document.DocumentId, document.Pdf, (int)order.Copies);
        using var printCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        printCts.CancelAfter(TimeSpan.FromMilliseconds(Math.Max(1, order.DeadlineAt - clock.GetUtcNow().ToUnixTimeMilliseconds())));
        _printing[order.OrderId] = printCts;
        var printingVersion = order.Version;
        PrintOutcome outcome;
        var capturePending = false;
        try
        {
            // Runs inside the gate once the printer accepted the job, before the capture: the order records its job, and an
            // order aborted meanwhile makes the gate cancel the job with nothing captured.
            // A database blip (restart, failover) must not cancel a job the printer accepted: cancelling a job that is already
            // printing may not stop its sheet. So the record is retried; only a lost compare-and-set (the order was aborted)
            // cancels the job.
            Func<PrintJobHandle, CancellationToken, Task> recordJob = async (handle, t) =>
            {
                for (var attempt = 0; ; attempt++)
                {
                    try
                    {
                        if (!await orders.SetPrintJobAsync(order.OrderId, printingVersion, handle.JobId, t))
                            throw new InvalidOperationException("order " + order.OrderId + " was aborted before its job could be recorded");
                        return;
                    }
                    catch (Exception e) when (e is not InvalidOperationException and not OperationCanceledException && attempt < 40)
                    {
                        await Task.Delay(250, t);
                    }
                }
            };
            if (order.PaymentId is not null)
            {
                var paid = await paidPrint.PrintAsync(gate, request, order.PaymentId, recordJob, printCts.Token);
                outcome = paid.Print;
                capturePending = paid.Settlement == PaidPrintOutcome.CapturePending;
            }
            else
            {
                outcome = await gate.PrintAsync(request, recordJob, printCts.Token);
            }
        }
        finally
        {
            _printing.TryRemove(order.OrderId, out _);
        }
        _abortReasons.TryRemove(order.OrderId, out var abortedFor);
        metrics.PrintJob(storePrinter.Id, outcome.Printed ? OrderStates.Printed : outcome.Reason ?? PrintReasons.PrinterUnavailable);

        var current = (await orders.GetAsync(order.OrderId, ct))!;
        if (outcome.Printed)
        {
            if (capturePending)
            {
                // A failure (e.g. the database restarting) stopped the capture; a failure here too leaves the order printing
                // with its job recorded, and the next pass captures and finishes it (R3).
                await FinishPrintedAsync(current, "ok", ct);
            }
            else if (await TransitionAsync(current, OrderStates.Printed, null, "printed", "ok", ct))
            {
                metrics.OrderFinished(OrderStates.Printed, Elapsed(current));
            }
            return;
        }
        if (current.IsFinal) return; // aborted elsewhere (session ended, resident cancelled): the gate already ended the job
        if (abortedFor is not null)
        {
            // Aborted while inside the gate (session closed, timeout): the gate has ended the job, now the order ends.
            await AbortCoreAsync(current, abortedFor == OrderReasons.Timeout ? OrderStates.Failed : OrderStates.Cancelled, abortedFor, cancelJob: false, ct);
            return;
        }
        if (clock.GetUtcNow().ToUnixTimeMilliseconds() >= current.DeadlineAt)
        {
            await TimeOutAsync(current, ct);
            return;
        }
        var reason = outcome.Reason ?? PrintReasons.PrinterUnavailable;
        if (outcome.Submitted && await PrinterLostJobAsync(current, ct)) reason = PrinterLostJob;
        else if (reason == PrintReasons.BindingLost)
        {
            var (lost, _) = await CheckBindingAsync(current, ct);
            reason = lost ?? PrintReasons.BindingLost;
        }
        else
        {
            reason = PrintReasons.ToProblemCode(reason);
        }
        // A submitted job (money captured) ends refunded, an unsubmitted one failed; the gate has already ended the job.
        await AbortCoreAsync(current, OrderStates.Failed, reason, cancelJob: false, ct);
    }

    private async Task FollowPrintJobAsync(OrderRow order, CancellationToken ct)
    {
        // No printer for the store any more: nothing to follow; the order's deadline refunds it (audited as a timeout).
        if (PrinterOf(order) is not { } printer) return;
        var state = await printer.GetJobStateAsync(new PrintJobHandle(order.OrderId, order.PrintJobId!), ct);
        switch (state)
        {
            case PrintJobState.Completed:
                await FinishPrintedAsync(order, "ok", ct);
                break;
            case PrintJobState.Aborted or PrintJobState.Cancelled:
                await AbortAsync(order, OrderStates.Failed, await PrinterLostJobAsync(order, ct) ? PrinterLostJob : OrderReasons.PrinterFailed, ct);
                break;
        }
    }

    /// <summary>Reason of a refund when the printer no longer knows the order's job at all (it restarted): whether the last
    /// sheet came out before it went down cannot be known, so the money goes back and the audit says so.</summary>
    public const string PrinterLostJob = OrderReasons.PrinterLostJob;

    /// <summary>Audit outcome (step <c>print</c>) beside a <see cref="PrinterLostJob"/> refund: the print's outcome is unknown
    /// and a sheet may exist, so staff check the store's tray for the order's receipt code.</summary>
    public const string OutcomeUnknown = "outcome-unknown-sheet-may-exist";

    /// <summary>The reason recorded on the refunded payment for a <see cref="PrinterLostJob"/> order.</summary>
    public const string PrinterLostJobRefundReason = "printer-lost-job: outcome unknown, the sheet may have come out; staff check the tray";

    /// <summary>Reason of an order refused or ended because its store has no printer in the directory (Printing:Printers).</summary>
    public const string NoPrinterForStore = OrderReasons.NoPrinterForStore;

    /// <summary>The printer of the order's store (the same one whatever instance or restart asks), or null when it has none.</summary>
    private IPrinter? PrinterOf(OrderRow order) => StorePrinterOf(order)?.Printer;

    /// <summary>Once printing, the printer the order was sent to, even if its store has moved to another since (that one would
    /// have no job of it); null when that printer has left the directory. Before printing, the store's printer.</summary>
    private StorePrinter? StorePrinterOf(OrderRow order)
        => order.PrinterId is { } id ? gates.ById(id) : gates.ForStore(order.StoreId);

    /// <summary>True when the printer answers and lists no job at all under this order's name (not even an aborted one).</summary>
    private async Task<bool> PrinterLostJobAsync(OrderRow order, CancellationToken ct)
    {
        if (PrinterOf(order) is not IPrintJobHistory history) return false;
        try
        {
            return await history.FindJobsAsync(order.OrderId, ct) is { Count: 0 };
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Null when the order may still proceed for its session and card, otherwise the reason it may not.</summary>
    private async Task<(string? Problem, ResidentRef? Resident)> CheckBindingAsync(OrderRow order, CancellationToken ct)
        => CheckBinding(order, await sessions.GetAsync(order.SessionId, ct));

    /// <summary><see cref="CheckBindingAsync"/> for the order's session row as just read (null when there is none).</summary>
    private (string? Problem, ResidentRef? Resident) CheckBinding(OrderRow order, SessionRow? session)
    {
        if (OrderSessionBinding.Problem(order, session, clock.GetUtcNow().ToUnixTimeMilliseconds()) is { } problem) return (problem, null);
        if (session!.SealedResident is null) return (OrderReasons.SessionEnded, null);
        var resident = seal.Open(session.SealedResident, session.SessionId);
        if (hasher.Hash(resident.CertificateSerialHex) != order.SerialHash) return (OrderReasons.BindingMismatch, null);
        return (null, resident);
    }

    /// <summary>Aborts an order from whatever state it is in: voids or refunds money, cancels a print job; no-op when final.</summary>
    public Task AbortAsync(OrderRow order, string finalState, string reason, CancellationToken ct)
        => AbortCoreAsync(order, finalState, reason, cancelJob: true, ct);

    private async Task AbortCoreAsync(OrderRow order, string finalState, string reason, bool cancelJob, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 10; attempt++)
        {
            if (order.IsFinal) return;
            if (order.State == OrderStates.Printing && _printing.TryGetValue(order.OrderId, out var gateWait))
            {
                // Never end a printing order before its job's end is known: the gate cancels the job, confirms its end (or
                // holds the printer) and the order then ends printed (the paper came out after all) or aborted with this reason.
                _abortReasons[order.OrderId] = reason;
                try { gateWait.Cancel(); } catch (ObjectDisposedException) { }
                return;
            }
            if (cancelJob && order.State == OrderStates.Printing && order.PrintJobId is not null)
            {
                // Not in this instance's gate (another instance, or an order recovered after a crash): cancel, then settle by
                // what the printer says the job became.
                var handle = new PrintJobHandle(order.OrderId, order.PrintJobId);
                if (PrinterOf(order) is { } printer)
                {
                    await printer.CancelAsync(handle, ct);
                    if (await printer.GetJobStateAsync(handle, ct) == PrintJobState.Completed)
                    {
                        await FinishPrintedAsync(order, "completed-before-cancel", ct);
                        return;
                    }
                }
                cancelJob = false;
            }
            var captured = order.State == OrderStates.Printing && order.PrintJobId is not null;
            var target = captured ? OrderStates.Refunded : finalState;
            // The printer forgot the job (R13): nobody can tell whether its sheet came out, so the record says exactly that.
            var unknown = reason == PrinterLostJob;
            if (await TransitionAsync(order, target, reason, "abort", reason, ct, unknown ? Entry(order, "print", OutcomeUnknown) : null))
            {
                if (unknown)
                {
                    logger.LogWarning("Order {OrderId} (receipt {ReceiptCode}, store {StoreId}) refunded: the printer restarted and forgot job {JobId}; "
                        + "whether its sheet came out is unknown, staff check the tray", order.OrderId, order.ReceiptCode, order.StoreId, order.PrintJobId);
                }
                metrics.Failure(reason);
                metrics.OrderFinished(target, Elapsed(order));
                if (_printing.TryGetValue(order.OrderId, out var inGate))
                {
                    // The gate owns the job: it cancels it, confirms the end (or holds the printer) and settles the money.
                    try { inGate.Cancel(); } catch (ObjectDisposedException) { }
                }
                else if (cancelJob && order.PrintJobId is not null && PrinterOf(order) is { } printer)
                {
                    await printer.CancelAsync(new PrintJobHandle(order.OrderId, order.PrintJobId), ct);
                }
                if (order.PaymentId is not null) await payments.VoidOrRefundAsync(order.PaymentId, unknown ? PrinterLostJobRefundReason : reason, ct);
                return;
            }
            order = (await orders.GetAsync(order.OrderId, ct))!;
        }
        throw new InvalidOperationException("Order " + order.OrderId + " kept changing while being aborted.");
    }

    /// <summary>Aborts every open order of a session (session closed, expired or superseded).</summary>
    /// <remarks>A resident closing the session does not stop an order already printing (as <c>cancel</c> refuses it): once
    /// the job may be at the printer, cancelling cannot be sure to stop the sheet, and paper out with the money refunded is
    /// the outcome that must not happen. Such an order ends by its job: printed, or refunded if the printer fails it. An
    /// order still before submission fails at the gate's binding check, because the session is no longer authenticated.</remarks>
    public async Task AbortSessionOrdersAsync(string sessionId, string finalState, string reason, CancellationToken ct)
    {
        foreach (var order in await orders.OpenOrdersAsync(sessionId, ct))
        {
            if (finalState == OrderStates.Cancelled && order.State == OrderStates.Printing) continue;
            await AbortAsync(order, finalState, reason, ct);
        }
    }

    /// <summary>A timeout aborts the whole transaction: the session ends first (so nothing can continue in it), then every order in it.</summary>
    private async Task TimeOutAsync(OrderRow order, CancellationToken ct)
    {
        await EndSessionAfterTimeoutAsync(order, ct);
        await AbortAsync((await orders.GetAsync(order.OrderId, ct))!, OrderStates.Failed, OrderReasons.Timeout, ct);
    }

    private async Task EndSessionAfterTimeoutAsync(OrderRow order, CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        await using var tx = await database.BeginWriteAsync(c, ct);
        var ended = await sessions.EndAsync(c, tx, order.SessionId, SessionStates.Expired, "timeout");
        if (ended) await audit.AppendAsync(c, tx, new AuditEntry("session-end", "timeout", order.DeviceId, order.StoreId, order.SessionId));
        await tx.CommitAsync(ct);
        if (ended) await AbortSessionOrdersAsync(order.SessionId, OrderStates.Failed, OrderReasons.Timeout, ct);
    }

    private async Task<bool> TransitionAsync(OrderRow order, string to, string? reason, string step, string outcome, CancellationToken ct,
        AuditEntry? also = null)
        => await TransitionToAsync(order, to, reason, step, outcome, ct, also) is not null;

    /// <summary>The transition with its audit record in one transaction; answers the row as it left it, or null when someone else
    /// moved the order first.</summary>
    private async Task<OrderRow?> TransitionToAsync(OrderRow order, string to, string? reason, string step, string outcome, CancellationToken ct,
        AuditEntry? also = null, string? printerId = null)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await using var c = await database.OpenAsync(ct);
                await using var tx = await database.BeginWriteAsync(c, ct);
                var moved = await orders.TransitionReturningAsync(c, tx, order, to, reason, printerId: printerId);
                if (moved is null) return null;
                await audit.AppendAsync(c, tx, Entry(order, step, outcome));
                if (also is not null) await audit.AppendAsync(c, tx, also);
                await tx.CommitAsync(ct);
                orders.Changes.Signal(order.OrderId);
                return moved;
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
