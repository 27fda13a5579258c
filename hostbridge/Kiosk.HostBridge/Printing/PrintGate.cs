using System.Security.Cryptography;

namespace Kiosk.HostBridge.Printing;

/// <summary>The only way a document reaches the printer: one job per order, binding re-checked just before submission,
/// one deadline over the whole job, and on any failure the job is cancelled and the whole order reported failed.</summary>
/// <remarks>There is no queue of "next files": the document travels inside its own request, and the printer is taken by
/// one order at a time. A job whose cancel cannot be confirmed keeps the printer held, so its paper can never come out
/// in front of the next resident.</remarks>
public sealed class PrintGate
{
    private readonly IPrinter printer;
    private readonly IOrderBindingCheck binding;
    private readonly IPrintAudit audit;
    private readonly PrintGateOptions options;
    private readonly TimeProvider time;
    private readonly SemaphoreSlim slot = new(1, 1);
    private readonly List<HeldJob> held = new();

    /// <summary>A gate in front of one printer.</summary>
    public PrintGate(IPrinter printer, IOrderBindingCheck binding, IPrintAudit audit, PrintGateOptions options, TimeProvider? time = null)
    {
        this.printer = printer;
        this.binding = binding;
        this.audit = audit;
        this.options = options;
        this.time = time ?? TimeProvider.System;
    }

    /// <summary>Jobs whose end could not be confirmed; while any remain, nothing else is submitted.</summary>
    public int HeldJobCount
    {
        get
        {
            lock (held)
            {
                return held.Count;
            }
        }
    }

    /// <summary>Prints one order's document and follows it to its end.</summary>
    public Task<PrintOutcome> PrintAsync(PrintRequest request, CancellationToken ct) => PrintAsync(request, null, ct);

    /// <summary>Prints one order's document; <paramref name="onSubmitted"/> runs once the printer accepted the job (the place to
    /// capture money) and, if it throws, the job is cancelled. The document bytes are wiped before this returns.</summary>
    public async Task<PrintOutcome> PrintAsync(PrintRequest request, Func<PrintJobHandle, CancellationToken, Task>? onSubmitted, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(options.JobTimeout);
        PrintJobHandle? handle = null;
        var last = PrintJobState.Unknown;
        var entered = false;
        try
        {
            await slot.WaitAsync(deadline.Token).ConfigureAwait(false);
            entered = true;
            if (!await ReleaseHeldJobsAsync(deadline.Token).ConfigureAwait(false))
            {
                return await FailAsync(request, null, last, PrintReasons.PrinterUnavailable, "an earlier job is still unconfirmed").ConfigureAwait(false);
            }
            var status = await printer.GetStatusAsync(deadline.Token).ConfigureAwait(false);
            await AuditAsync(request, PrintAuditSteps.PrinterChecked, null, status.Ready ? "ready" : string.Join(",", status.Reasons)).ConfigureAwait(false);
            if (!status.Ready)
            {
                return await FailAsync(request, null, last, PrintReasons.FromPrinterReasons(status.Reasons), string.Join(",", status.Reasons)).ConfigureAwait(false);
            }
            while (handle is null)
            {
                // Checked again before every attempt: the order may have been cancelled while the printer was busy.
                if (!await binding.IsStillBoundAsync(request.OrderId, request.SessionId, request.SerialHash, deadline.Token).ConfigureAwait(false))
                {
                    await AuditAsync(request, PrintAuditSteps.BindingLost, null, null).ConfigureAwait(false);
                    return await FailAsync(request, null, last, PrintReasons.BindingLost, null).ConfigureAwait(false);
                }
                await AuditAsync(request, PrintAuditSteps.BindingConfirmed, null, "serial-hash " + request.SerialHash).ConfigureAwait(false);
                try
                {
                    handle = await printer.SubmitAsync(
                        new PrintJob(request.OrderId, request.SessionId, request.SerialHash, request.DocumentId, request.Pdf, request.Copies),
                        deadline.Token).ConfigureAwait(false);
                }
                catch (PrinterException e) when (e.Reason == PrintReasons.Busy)
                {
                    // Refused outright (another bridge node's job is printing): nothing was accepted, so trying again is no second print.
                    await Task.Delay(options.PollInterval, time, deadline.Token).ConfigureAwait(false);
                }
            }
            await AuditAsync(request, PrintAuditSteps.Submitted, handle.JobId, "document " + request.DocumentId).ConfigureAwait(false);
            if (onSubmitted is not null)
            {
                try
                {
                    await onSubmitted(handle, deadline.Token).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    last = await CancelJobAsync(request, handle).ConfigureAwait(false);
                    return await FailAsync(request, handle, last, PrintReasons.PaymentFailed, e.Message).ConfigureAwait(false);
                }
            }
            while (true)
            {
                last = await printer.GetJobStateAsync(handle, deadline.Token).ConfigureAwait(false);
                if (last == PrintJobState.Completed)
                {
                    await AuditAsync(request, PrintAuditSteps.Completed, handle.JobId, null).ConfigureAwait(false);
                    return new PrintOutcome(request.OrderId, true, true, handle.JobId, last, null);
                }
                if (last is PrintJobState.Aborted or PrintJobState.Cancelled)
                {
                    var reason = await ReasonFromPrinterAsync(PrintReasons.PrinterUnavailable).ConfigureAwait(false);
                    return await FailAsync(request, handle, last, reason, "job " + last.ToString().ToLowerInvariant()).ConfigureAwait(false);
                }
                await Task.Delay(options.PollInterval, time, deadline.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            // A timeout anywhere ends the job and the whole order; the slot is only released once the job is dealt with.
            var byCaller = ct.IsCancellationRequested;
            if (handle is not null)
            {
                last = await CancelJobAsync(request, handle).ConfigureAwait(false);
                if (last == PrintJobState.Completed)
                {
                    // It finished just as the deadline hit: the paper is out, so the truth is "printed".
                    await AuditAsync(request, PrintAuditSteps.Completed, handle.JobId, "at the deadline").ConfigureAwait(false);
                    return new PrintOutcome(request.OrderId, true, true, handle.JobId, last, null);
                }
            }
            var reason = byCaller ? PrintReasons.Cancelled : await ReasonFromPrinterAsync(PrintReasons.Timeout).ConfigureAwait(false);
            return await FailAsync(request, handle, last, reason, byCaller ? "cancelled by caller" : "deadline " + options.JobTimeout.TotalSeconds + " s passed").ConfigureAwait(false);
        }
        catch (PrinterException e)
        {
            if (handle is not null)
            {
                last = await CancelJobAsync(request, handle).ConfigureAwait(false);
            }
            return await FailAsync(request, handle, last, e.Reason, e.Message).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // Binding store or audit sink failed: nothing may print on an unverified or unrecorded binding.
            if (handle is not null)
            {
                last = await CancelJobAsync(request, handle).ConfigureAwait(false);
            }
            return await FailAsync(request, handle, last, PrintReasons.PrinterUnavailable, e.GetType().Name + ": " + e.Message).ConfigureAwait(false);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(request.Pdf);
            try
            {
                await AuditAsync(request, PrintAuditSteps.DocumentWiped, handle?.JobId, null).ConfigureAwait(false);
            }
            catch (Exception)
            {
                // The wipe happened; a failing audit sink must not turn a finished job into a crash.
            }
            if (entered)
            {
                slot.Release();
            }
        }
    }

    /// <summary>Cancels and waits (on a fresh budget) until the printer confirms the job ended; otherwise holds the printer.</summary>
    private async Task<PrintJobState> CancelJobAsync(PrintRequest request, PrintJobHandle handle)
    {
        using var budget = new CancellationTokenSource(options.CancelTimeout);
        var state = PrintJobState.Unknown;
        try
        {
            await AuditAsync(request, PrintAuditSteps.CancelRequested, handle.JobId, null).ConfigureAwait(false);
            await printer.CancelAsync(handle, budget.Token).ConfigureAwait(false);
            while (true)
            {
                state = await printer.GetJobStateAsync(handle, budget.Token).ConfigureAwait(false);
                if (IsEnded(state))
                {
                    return state;
                }
                await Task.Delay(options.PollInterval, time, budget.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e)
        {
            lock (held)
            {
                held.Add(new HeldJob(handle, request.SessionId));
            }
            try
            {
                await AuditAsync(request, PrintAuditSteps.CancelUnconfirmed, handle.JobId, e.Message).ConfigureAwait(false);
            }
            catch (Exception)
            {
                // Holding the printer is what matters; the held job is visible through HeldJobCount.
            }
            return state;
        }
    }

    /// <summary>Before a new order prints, every earlier job whose end was unconfirmed must be found ended (or cancelled now).</summary>
    private async Task<bool> ReleaseHeldJobsAsync(CancellationToken ct)
    {
        HeldJob[] pending;
        lock (held)
        {
            pending = held.ToArray();
        }
        foreach (var job in pending)
        {
            var state = await printer.GetJobStateAsync(job.Handle, ct).ConfigureAwait(false);
            if (!IsEnded(state) && state != PrintJobState.Unknown)
            {
                try
                {
                    await printer.CancelAsync(job.Handle, ct).ConfigureAwait(false);
                    state = await printer.GetJobStateAsync(job.Handle, ct).ConfigureAwait(false);
                }
                catch (PrinterException)
                {
                    // Still unreachable: stays held.
                }
            }
            if (!IsEnded(state))
            {
                return false;
            }
            lock (held)
            {
                held.Remove(job);
            }
            await audit.RecordAsync(new PrintAuditEvent(job.Handle.OrderId, job.SessionId, PrintAuditSteps.Resolved, job.Handle.JobId,
                "ended as " + state.ToString().ToLowerInvariant(), time.GetUtcNow()), CancellationToken.None).ConfigureAwait(false);
        }
        return true;
    }

    private async Task<string> ReasonFromPrinterAsync(string fallback)
    {
        using var budget = new CancellationTokenSource(options.CancelTimeout);
        try
        {
            var status = await printer.GetStatusAsync(budget.Token).ConfigureAwait(false);
            return PrintReasons.FromPrinterReasons(status.Reasons) == PrintReasons.OutOfPaper ? PrintReasons.OutOfPaper : fallback;
        }
        catch (Exception)
        {
            return fallback;
        }
    }

    private async Task<PrintOutcome> FailAsync(PrintRequest request, PrintJobHandle? handle, PrintJobState last, string reason, string? detail)
    {
        try
        {
            await AuditAsync(request, PrintAuditSteps.Failed, handle?.JobId, reason + (detail is null ? "" : ": " + detail)).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // The outcome still reports the failure; the order orchestration audits the order's end.
        }
        return new PrintOutcome(request.OrderId, false, handle is not null, handle?.JobId, last, reason);
    }

    private Task AuditAsync(PrintRequest request, string step, string? jobId, string? detail) =>
        audit.RecordAsync(new PrintAuditEvent(request.OrderId, request.SessionId, step, jobId, detail, time.GetUtcNow()), CancellationToken.None);

    private static bool IsEnded(PrintJobState s) => s is PrintJobState.Completed or PrintJobState.Aborted or PrintJobState.Cancelled;

    private sealed record HeldJob(PrintJobHandle Handle, string SessionId);
}
