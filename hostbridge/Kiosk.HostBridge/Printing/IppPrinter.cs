using System.Globalization;
using Kiosk.HostBridge.Printing.Ipp;

namespace Kiosk.HostBridge.Printing;

/// <summary>The store's printer over IPP/1.1; every failure surfaces as a <see cref="PrinterException"/> or a state, never a crash.</summary>
public sealed class IppPrinter : IPrinter, IPrintJobLookup, IPrintJobHistory
{
    private static readonly string[] PrinterAttributes = { "printer-state", "printer-state-reasons", "printer-is-accepting-jobs" };
    private static readonly string[] JobAttributes = { "job-state", "job-state-reasons", "job-name" };
    private static readonly string[] JobListAttributes = { "job-id", "job-state", "job-name" };

    /// <summary>Reasons that stop a printer from printing now (suffix -error/-warning/-report already removed).</summary>
    private static readonly HashSet<string> BlockingReasons = new(StringComparer.Ordinal)
    {
        "offline", "media-empty", "media-needed", "media-jam", "paused", "stopped", "shutdown", "door-open",
        "cover-open", "spool-area-full", "toner-empty", "marker-supply-empty", "input-tray-missing", "output-area-full",
    };

    private readonly IppClient client;
    private readonly TimeSpan requestTimeout;

    /// <summary>A printer reached through the given HttpClient.</summary>
    public IppPrinter(HttpClient http, IppPrinterOptions options)
    {
        client = new IppClient(http, options.PrinterUri, options.RequestingUserName);
        requestTimeout = options.RequestTimeout;
    }

    /// <inheritdoc />
    public async Task<PrinterStatus> GetStatusAsync(CancellationToken ct)
    {
        IppMessage response;
        try
        {
            response = await WithTimeout(t => client.GetPrinterAttributesAsync(PrinterAttributes, t), ct).ConfigureAwait(false);
        }
        catch (Exception e) when (IsPrinterFault(e, ct))
        {
            return new PrinterStatus(false, new[] { "offline" });
        }
        var reasons = new List<string>();
        var blocked = false;
        var reasonAttr = response.Find(IppTag.PrinterAttributes, "printer-state-reasons");
        if (reasonAttr is not null)
        {
            foreach (var v in reasonAttr.Values)
            {
                var raw = v.AsString();
                if (raw.Length == 0 || raw == "none")
                {
                    continue;
                }
                var reason = StripSeverity(raw, out var isError);
                if (!reasons.Contains(reason))
                {
                    reasons.Add(reason);
                }
                blocked |= isError || BlockingReasons.Contains(reason) && !raw.EndsWith("-report", StringComparison.Ordinal) && !raw.EndsWith("-warning", StringComparison.Ordinal);
            }
        }
        var state = response.Find(IppTag.PrinterAttributes, "printer-state")?.Values[0].AsInt32();
        if (state == (int)IppPrinterState.Stopped)
        {
            blocked = true;
            if (!reasons.Contains("stopped"))
            {
                reasons.Add("stopped");
            }
        }
        if (response.Find(IppTag.PrinterAttributes, "printer-is-accepting-jobs")?.Values[0].AsBoolean() == false)
        {
            blocked = true;
            reasons.Add("not-accepting-jobs");
        }
        return new PrinterStatus(!blocked, reasons);
    }

    /// <inheritdoc />
    public async Task<PrintJobHandle> SubmitAsync(PrintJob job, CancellationToken ct)
    {
        IppMessage response;
        try
        {
            response = await WithTimeout(
                t => client.PrintJobAsync(PrintJobNames.For(job.OrderId, job.DocumentId), "application/pdf", job.Pdf, job.Copies, t),
                ct).ConfigureAwait(false);
        }
        catch (IppException e) when (e.Status == IppStatus.Busy)
        {
            throw new PrinterException(PrintReasons.Busy, "The printer is busy: " + e.Message, e);
        }
        catch (IppException e)
        {
            // The printer answered with an error: it refused the job.
            throw new PrinterException(PrintReasons.PrinterUnavailable, "The printer refused the job: " + e.Message, e);
        }
        catch (HttpRequestException e) when (e.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError)
        {
            throw new PrinterException(PrintReasons.PrinterUnavailable, "The printer cannot be reached: " + e.Message, e);
        }
        catch (Exception e) when (IsPrinterFault(e, ct))
        {
            // Timed out or garbled after the document was sent: the job may exist, so the gate must look for it.
            throw new PrinterException(PrintReasons.PrinterUnavailable, "The printer's answer to the job was lost: " + e.Message, e, mayHaveBeenAccepted: true);
        }
        var id = response.Find(IppTag.JobAttributes, "job-id")?.Values[0].AsInt32();
        if (id is null or <= 0)
        {
            // Accepted but unidentifiable: the gate looks the job up by its name and cancels it.
            throw new PrinterException(PrintReasons.PrinterUnavailable, "The printer accepted the job without a job-id.", mayHaveBeenAccepted: true);
        }
        return new PrintJobHandle(job.OrderId, id.Value.ToString(CultureInfo.InvariantCulture));
    }

    /// <inheritdoc />
    public async Task<PrintJobState> GetJobStateAsync(PrintJobHandle handle, CancellationToken ct)
    {
        if (!TryJobId(handle, out var id))
        {
            return PrintJobState.Unknown;
        }
        IppMessage response;
        try
        {
            response = await WithTimeout(t => client.GetJobAttributesAsync(id, JobAttributes, t), ct).ConfigureAwait(false);
        }
        catch (IppException e) when (e.Status == IppStatus.NotFound)
        {
            // The printer no longer knows the job (restarted, purged): it will never print it.
            return PrintJobState.Aborted;
        }
        catch (Exception e) when (IsPrinterFault(e, ct))
        {
            return PrintJobState.Unknown;
        }
        var name = response.Find(IppTag.JobAttributes, "job-name")?.Values[0].AsString();
        if (name is not null && !PrintJobNames.BelongsTo(name, handle.OrderId))
        {
            // Same id, another order's job: the printer restarted and reused the id, so ours is gone.
            return PrintJobState.Aborted;
        }
        return (IppJobState?)response.Find(IppTag.JobAttributes, "job-state")?.Values[0].AsInt32() switch
        {
            IppJobState.Pending or IppJobState.PendingHeld => PrintJobState.Pending,
            IppJobState.Processing or IppJobState.ProcessingStopped => PrintJobState.Processing,
            IppJobState.Completed => PrintJobState.Completed,
            IppJobState.Aborted => PrintJobState.Aborted,
            IppJobState.Canceled => PrintJobState.Cancelled,
            _ => PrintJobState.Unknown,
        };
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<PrintJobHandle>?> FindOpenJobsAsync(string orderId, CancellationToken ct)
    {
        IppMessage response;
        try
        {
            response = await WithTimeout(t => client.GetOpenJobsAsync(JobListAttributes, t), ct).ConfigureAwait(false);
        }
        catch (Exception e) when (IsPrinterFault(e, ct))
        {
            return null;
        }
        var found = new List<PrintJobHandle>();
        foreach (var group in response.Groups)
        {
            if (group.Tag != IppTag.JobAttributes)
            {
                continue;
            }
            var id = group.Find("job-id")?.Values[0].AsInt32();
            var state = group.Find("job-state")?.Values[0].AsInt32();
            if (id > 0 && PrintJobNames.BelongsTo(group.Find("job-name")?.Values[0].AsString(), orderId)
                && state is not ((int)IppJobState.Completed or (int)IppJobState.Canceled or (int)IppJobState.Aborted))
            {
                found.Add(new PrintJobHandle(orderId, id.Value.ToString(CultureInfo.InvariantCulture)));
            }
        }
        return found;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<PrintJobRecord>?> FindJobsAsync(string orderId, CancellationToken ct)
    {
        var found = new List<PrintJobRecord>();
        foreach (var which in new[] { "not-completed", "completed" })
        {
            IppMessage response;
            try
            {
                response = await WithTimeout(t => client.GetJobsAsync(which, JobListAttributes, t), ct).ConfigureAwait(false);
            }
            catch (Exception e) when (IsPrinterFault(e, ct))
            {
                return null;
            }
            foreach (var group in response.Groups)
            {
                if (group.Tag != IppTag.JobAttributes)
                {
                    continue;
                }
                var id = group.Find("job-id")?.Values[0].AsInt32();
                if (id > 0 && PrintJobNames.BelongsTo(group.Find("job-name")?.Values[0].AsString(), orderId))
                {
                    found.Add(new PrintJobRecord(new PrintJobHandle(orderId, id.Value.ToString(CultureInfo.InvariantCulture)),
                        ToState(group.Find("job-state")?.Values[0].AsInt32())));
                }
            }
        }
        return found;
    }

    private static PrintJobState ToState(int? ippJobState) => (IppJobState?)ippJobState switch
    {
        IppJobState.Pending or IppJobState.PendingHeld => PrintJobState.Pending,
        IppJobState.Processing or IppJobState.ProcessingStopped => PrintJobState.Processing,
        IppJobState.Completed => PrintJobState.Completed,
        IppJobState.Aborted => PrintJobState.Aborted,
        IppJobState.Canceled => PrintJobState.Cancelled,
        _ => PrintJobState.Unknown,
    };

    /// <summary>Sends Cancel-Job, best effort: it never throws for printer faults, because callers (the print gate, the
    /// order pipeline's abort) must go on to void or refund. Whether the job really ended is read with
    /// <see cref="GetJobStateAsync"/>; the print gate holds the printer until it has.</summary>
    public async Task CancelAsync(PrintJobHandle handle, CancellationToken ct)
    {
        // Never cancel by bare id: after a printer restart the id may name another order's job.
        var state = await GetJobStateAsync(handle, ct).ConfigureAwait(false);
        if (state is PrintJobState.Completed or PrintJobState.Aborted or PrintJobState.Cancelled
            || state == PrintJobState.Unknown || !TryJobId(handle, out var id))
        {
            return;
        }
        try
        {
            await WithTimeout(t => client.CancelJobAsync(id, t), ct).ConfigureAwait(false);
        }
        catch (Exception e) when (IsPrinterFault(e, ct))
        {
            // Already ended between our two requests (not-possible / not-found), or unreachable: the state check tells.
        }
    }

    private async Task<IppMessage> WithTimeout(Func<CancellationToken, Task<IppMessage>> call, CancellationToken ct)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(requestTimeout);
        return await call(cts.Token).ConfigureAwait(false);
    }

    /// <summary>Everything a broken, absent, slow or hostile printer can cause; the caller's own cancellation is not one.</summary>
    private static bool IsPrinterFault(Exception e, CancellationToken ct) =>
        e is IppException or IppFormatException or HttpRequestException or IOException
        || e is OperationCanceledException && !ct.IsCancellationRequested;

    private static bool TryJobId(PrintJobHandle handle, out int id) =>
        int.TryParse(handle.JobId, NumberStyles.None, CultureInfo.InvariantCulture, out id) && id > 0;

    private static string StripSeverity(string reason, out bool isError)
    {
        isError = reason.EndsWith("-error", StringComparison.Ordinal);
        foreach (var suffix in new[] { "-error", "-warning", "-report" })
        {
            if (reason.EndsWith(suffix, StringComparison.Ordinal))
            {
                return reason[..^suffix.Length];
            }
        }
        return reason;
    }
}
