using System.Collections.Concurrent;
using Kiosk.HostBridge.Printing;

namespace Kiosk.HostBridge.Tests.Support;

/// <summary>In-memory printer: records every job with its binding; jobs complete on the next status poll unless held.</summary>
public sealed class FakePrinter : IPrinter
{
    public ConcurrentDictionary<string, PrintJob> Jobs { get; } = new();
    public ConcurrentDictionary<string, PrintJobState> States { get; } = new();
    public bool Ready { get; set; } = true;
    public string NotReadyReason { get; set; } = "media-empty";
    public bool HoldJobs { get; set; }

    public Task<PrinterStatus> GetStatusAsync(CancellationToken ct)
        => Task.FromResult(new PrinterStatus(Ready, Ready ? [] : [NotReadyReason]));

    public Task<PrintJobHandle> SubmitAsync(PrintJob job, CancellationToken ct)
    {
        var id = "job-" + Jobs.Count + "-" + job.OrderId;
        Jobs[id] = job;
        States[id] = PrintJobState.Processing;
        return Task.FromResult(new PrintJobHandle(job.OrderId, id));
    }

    public Task<PrintJobState> GetJobStateAsync(PrintJobHandle handle, CancellationToken ct)
    {
        if (!HoldJobs && States.TryGetValue(handle.JobId, out var s) && s == PrintJobState.Processing) States[handle.JobId] = PrintJobState.Completed;
        return Task.FromResult(States.GetValueOrDefault(handle.JobId, PrintJobState.Unknown));
    }

    public Task CancelAsync(PrintJobHandle handle, CancellationToken ct)
    {
        if (States.TryGetValue(handle.JobId, out var s) && s is PrintJobState.Processing or PrintJobState.Pending) States[handle.JobId] = PrintJobState.Cancelled;
        return Task.CompletedTask;
    }
}
