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

    /// <summary>The printer's id in the <see cref="PrinterDirectory"/>, named in the audit of every submission; null for the default printer.</summary>
    public string? PrinterId { get; init; }

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
        var submitting = false;
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
                submitting = true;
                try
                {
                    handle = await printer.SubmitAsync(
                        new PrintJob(request.OrderId, request.SessionId, request.SerialHash, request.DocumentId, request.Pdf, request.Copies),
                        deadline.Token).ConfigureAwait(false);
                }
                catch (PrinterException e) when (!e.MayHaveBeenAccepted)
                {
                    submitting = false;
                    if (e.Reason != PrintReasons.Busy)
                    {
                        throw;
                    }
                    // Refused outright (another bridge node's job is printing): nothing was accepted, so trying again is no second print.
                    await Task.Delay(options.PollInterval, time, deadline.Token).ConfigureAwait(false);
                }
            }
            await AuditAsync(request, PrintAuditSteps.Submitted, handle.JobId,
                "document " + request.DocumentId + (PrinterId is null ? "" : " on printer " + PrinterId)).ConfigureAwait(false);
            if (onSubmitted is not null)
            {
                try
                {
                    await onSubmitted(handle, deadline.Token).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    last = await CancelJobAsync(request, handle).ConfigureAwait(false);
                    if (last == PrintJobState.Completed)
                    {
                        // Too late to stop: the sheet is out. Printed is the truth; the caller still owes the capture.
                        await AuditAsync(request, PrintAuditSteps.Completed, handle.JobId, "before the cancel after a failed capture").ConfigureAwait(false);
                        return new PrintOutcome(request.OrderId, true, true, handle.JobId, last, null);
                    }
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
            last = await EndJobAsync(request, handle, submitting).ConfigureAwait(false);
            if (handle is not null)
            {
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
            last = await EndJobAsync(request, handle, submitting).ConfigureAwait(false);
            return await FailAsync(request, handle, last, e.Reason, e.Message).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // Binding store or audit sink failed: nothing may print on an unverified or unrecorded binding.
            last = await EndJobAsync(request, handle, submitting).ConfigureAwait(false);
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

    /// <summary>Ends whatever this order may have at the printer: the known job, or a job whose submission answer was lost.</summary>
    private Task<PrintJobState> EndJobAsync(PrintRequest request, PrintJobHandle? handle, bool submitting)
    {
        if (handle is not null)
        {
            return CancelJobAsync(request, handle);
        }
        return submitting ? CancelLostSubmissionAsync(request) : Task.FromResult(PrintJobState.Unknown);
    }

    /// <summary>The document may have reached the printer without us learning the job id: look the order's jobs up by name
    /// and cancel them; when the printer cannot be asked, hold it until it can.</summary>
    private async Task<PrintJobState> CancelLostSubmissionAsync(PrintRequest request)
    {
        if (printer is not IPrintJobLookup lookup)
        {
            await TryAuditAsync(request, PrintAuditSteps.CancelUnconfirmed, null, "submission answer lost; printer cannot list jobs").ConfigureAwait(false);
            return PrintJobState.Unknown;
        }
        IReadOnlyList<PrintJobHandle>? open;
        using (var budget = new CancellationTokenSource(options.CancelTimeout))
        {
            try
            {
                open = await lookup.FindOpenJobsAsync(request.OrderId, budget.Token).ConfigureAwait(false);
            }
            catch (Exception)
            {
                open = null;
            }
        }
        if (open is null)
        {
            lock (held)
            {
                held.Add(new HeldJob(null, request.OrderId, request.SessionId));
            }
            await TryAuditAsync(request, PrintAuditSteps.CancelUnconfirmed, null, "submission answer lost; printer unreachable").ConfigureAwait(false);
            return PrintJobState.Unknown;
        }
        var last = PrintJobState.Unknown;
        foreach (var found in open)
        {
            last = await CancelJobAsync(request, found).ConfigureAwait(false);
        }
        return last;
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
                held.Add(new HeldJob(handle, handle.OrderId, request.SessionId));
            }
            await TryAuditAsync(request, PrintAuditSteps.CancelUnconfirmed, handle.JobId,
                "end not confirmed (last state " + state.ToString().ToLowerInvariant() + "): " + e.GetType().Name).ConfigureAwait(false);
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
            IReadOnlyList<PrintJobHandle>? handles = job.Handle is null ? null : new[] { job.Handle };
            if (job.Handle is null && printer is IPrintJobLookup lookup)
            {
                // A submission whose answer was lost: whatever open job carries this order's name must end first.
                handles = await lookup.FindOpenJobsAsync(job.OrderId, ct).ConfigureAwait(false);
            }
            if (handles is null)
            {
                return false;
            }
            var state = PrintJobState.Completed;
            foreach (var handle in handles)
            {
                state = await printer.GetJobStateAsync(handle, ct).ConfigureAwait(false);
                if (!IsEnded(state) && state != PrintJobState.Unknown)
                {
                    try
                    {
                        await printer.CancelAsync(handle, ct).ConfigureAwait(false);
                        state = await printer.GetJobStateAsync(handle, ct).ConfigureAwait(false);
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
            }
            lock (held)
            {
                held.Remove(job);
            }
            await audit.RecordAsync(new PrintAuditEvent(job.OrderId, job.SessionId, PrintAuditSteps.Resolved, job.Handle?.JobId,
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

    private async Task TryAuditAsync(PrintRequest request, string step, string? jobId, string? detail)
    {
        try
        {
            await AuditAsync(request, step, jobId, detail).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Holding the printer is what matters; held jobs stay visible through HeldJobCount.
        }
    }

    private Task AuditAsync(PrintRequest request, string step, string? jobId, string? detail) =>
        audit.RecordAsync(new PrintAuditEvent(request.OrderId, request.SessionId, step, jobId, detail, time.GetUtcNow()), CancellationToken.None);

    private static bool IsEnded(PrintJobState s) => s is PrintJobState.Completed or PrintJobState.Aborted or PrintJobState.Cancelled;

    /// <summary>A job whose end is unconfirmed; <see cref="Handle"/> is null when even its id is unknown (lost submission answer).</summary>
    private sealed record HeldJob(PrintJobHandle? Handle, string OrderId, string SessionId);
}
