using Kiosk.HostBridge.Printing;

namespace Kiosk.HostBridge.Payments;

/// <summary>Money and paper together: captures only once the printer accepted the job, and voids or refunds whenever the
/// job does not end printed. The order orchestration calls this once per order after the payment is authorised.</summary>
public sealed class PaidPrintService(PrintGate gate, IPaymentProvider payments, IPaymentAudit audit, TimeProvider? time = null)
{
    private readonly TimeProvider clock = time ?? TimeProvider.System;

    /// <summary>Prints the order's document against its payment; the document is wiped before this returns.</summary>
    public Task<PaidPrintOutcome> PrintAsync(PrintRequest request, string paymentId, CancellationToken ct)
        => PrintAsync(request, paymentId, null, ct);

    /// <summary>As <see cref="PrintAsync(PrintRequest, string, CancellationToken)"/>; <paramref name="onSubmitted"/> runs inside
    /// the gate once the printer accepted the job and before the capture (the caller records the job on its order).</summary>
    public Task<PaidPrintOutcome> PrintAsync(PrintRequest request, string paymentId,
        Func<PrintJobHandle, CancellationToken, Task>? onSubmitted, CancellationToken ct)
        => PrintAsync(gate, request, paymentId, onSubmitted, ct);

    /// <summary>As <see cref="PrintAsync(PrintRequest, string, Func{PrintJobHandle, CancellationToken, Task}?, CancellationToken)"/>
    /// through the gate of the order's own store printer (<see cref="PrintGates"/>).</summary>
    public async Task<PaidPrintOutcome> PrintAsync(PrintGate through, PrintRequest request, string paymentId,
        Func<PrintJobHandle, CancellationToken, Task>? onSubmitted, CancellationToken ct)
    {
        bool authorised;
        try
        {
            authorised = await payments.IsAuthorisedAsync(paymentId, ct).ConfigureAwait(false);
        }
        catch (Exception) when (!ct.IsCancellationRequested)
        {
            authorised = false;
        }
        if (!authorised)
        {
            Array.Clear(request.Pdf);
            // Void so that a late confirmation at the register cannot take money for an order that will not print.
            var voided = await SettleAsync(paymentId, request.OrderId, PrintReasons.PaymentFailed, captured: false).ConfigureAwait(false);
            return new PaidPrintOutcome(new PrintOutcome(request.OrderId, false, false, null, PrintJobState.Unknown, PrintReasons.PaymentFailed), voided);
        }
        var captured = false;
        var outcome = await through.PrintAsync(request, async (handle, t) =>
        {
            if (onSubmitted is not null) await onSubmitted(handle, t).ConfigureAwait(false);
            // The job is accepted: a store outage while capturing is retried rather than cancelling a job that may already
            // print; only a payment no longer authorised (InvalidOperationException) gives up and cancels.
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    await payments.CaptureAsync(paymentId, t).ConfigureAwait(false);
                    break;
                }
                catch (Exception e) when (e is not InvalidOperationException and not OperationCanceledException && attempt < 40)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(250), clock, t).ConfigureAwait(false);
                }
            }
            captured = true;
        }, ct).ConfigureAwait(false);
        if (outcome.Printed)
        {
            // The gate reports a job that completed just as its deadline hit (or before the cancel after a failed capture) as
            // printed, and the capture may have been cut short: the paper is out, so the money is taken now (found by the load
            // test: printed, payment authorised). If that fails too, the order orchestration captures later (capture-pending).
            if (!captured)
            {
                var late = await CaptureLateAsync(paymentId, request.OrderId).ConfigureAwait(false);
                return new PaidPrintOutcome(outcome, late == PaymentSteps.Captured ? late : PaidPrintOutcome.CapturePending);
            }
            return new PaidPrintOutcome(outcome, PaymentSteps.Captured);
        }
        return new PaidPrintOutcome(outcome, await SettleAsync(paymentId, request.OrderId, outcome.Reason ?? PrintReasons.PrinterUnavailable, captured).ConfigureAwait(false));
    }

    private async Task<string> CaptureLateAsync(string paymentId, string orderId)
    {
        using var budget = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await payments.CaptureAsync(paymentId, budget.Token).ConfigureAwait(false);
            return PaymentSteps.Captured;
        }
        catch (Exception e)
        {
            await audit.RecordAsync(new PaymentAuditEvent(paymentId, orderId, PaidPrintOutcome.SettlementFailed, 0,
                "printed but capture failed, staff must settle: " + e.Message, clock.GetUtcNow()), CancellationToken.None).ConfigureAwait(false);
            return PaidPrintOutcome.SettlementFailed;
        }
    }

    private async Task<string> SettleAsync(string paymentId, string orderId, string reason, bool captured)
    {
        // A fresh budget: the job's own deadline or the caller's cancellation must not stop the money going back.
        using var budget = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await payments.VoidOrRefundAsync(paymentId, reason, budget.Token).ConfigureAwait(false);
            return captured ? PaymentSteps.Refunded : PaymentSteps.Voided;
        }
        catch (Exception e)
        {
            await audit.RecordAsync(new PaymentAuditEvent(paymentId, orderId, PaidPrintOutcome.SettlementFailed, 0,
                "void/refund failed, staff must settle: " + e.Message, clock.GetUtcNow()), CancellationToken.None).ConfigureAwait(false);
            return PaidPrintOutcome.SettlementFailed;
        }
    }
}

/// <summary>The print outcome and what happened to the money: captured, voided, refunded or settlement-failed.</summary>
public sealed record PaidPrintOutcome(PrintOutcome Print, string Settlement)
{
    /// <summary>Void or refund failed; the order needs a person (audited).</summary>
    public const string SettlementFailed = "settlement-failed";

    /// <summary>The document printed but the money is not captured yet; the order orchestration captures it.</summary>
    public const string CapturePending = "capture-pending";
}
