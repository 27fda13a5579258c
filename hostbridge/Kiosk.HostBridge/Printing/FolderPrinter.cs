using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;

namespace Kiosk.HostBridge.Printing;

/// <summary>The simulator's printer: a job is &lt;orderId&gt;.pdf plus a JSON sidecar of its binding, with the IPP printer's
/// semantics (one paper per order, job states, cancel, injectable out-of-paper/offline/stopped).</summary>
public sealed class FolderPrinter : IPrinter, IPrintJobLookup, IPrintJobHistory
{
    private readonly object gate = new();
    private readonly Dictionary<string, Job> jobs = new(StringComparer.Ordinal);
    // Jobs of an earlier bridge process, read back from their sidecars, by order id (their ids may repeat in this process).
    private readonly Dictionary<string, Job> earlier = new(StringComparer.Ordinal);
    private readonly string folder;
    private readonly TimeSpan processingTime;
    private readonly TimeProvider time;
    private int nextJobId;

    /// <summary>A printer writing into <see cref="FolderPrinterOptions.Folder"/> (created if missing).</summary>
    public FolderPrinter(FolderPrinterOptions options, TimeProvider? time = null)
    {
        folder = options.Folder;
        processingTime = options.ProcessingTime;
        this.time = time ?? TimeProvider.System;
        Directory.CreateDirectory(folder);
    }

    /// <summary>The injected condition; anything but Ready refuses new jobs and stalls running ones.</summary>
    public FolderPrinterCondition Condition { get; set; } = FolderPrinterCondition.Ready;

    /// <summary>The output folder.</summary>
    public string Folder => folder;

    /// <inheritdoc />
    public Task<PrinterStatus> GetStatusAsync(CancellationToken ct) => Task.FromResult(Condition switch
    {
        FolderPrinterCondition.OutOfPaper => new PrinterStatus(false, new[] { "media-empty" }),
        FolderPrinterCondition.Offline => new PrinterStatus(false, new[] { "offline" }),
        FolderPrinterCondition.Stopped => new PrinterStatus(false, new[] { "stopped" }),
        _ => new PrinterStatus(true, Array.Empty<string>()),
    });

    /// <inheritdoc />
    public Task<PrintJobHandle> SubmitAsync(PrintJob job, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        lock (gate)
        {
            switch (Condition)
            {
                case FolderPrinterCondition.OutOfPaper:
                    throw new PrinterException(PrintReasons.OutOfPaper, "The printer is out of paper.");
                case FolderPrinterCondition.Offline:
                case FolderPrinterCondition.Stopped:
                    throw new PrinterException(PrintReasons.PrinterUnavailable, "The printer is " + Condition.ToString().ToLowerInvariant() + ".");
            }
            var pdfPath = PdfPath(job.OrderId);
            if (File.Exists(pdfPath) || File.Exists(SidecarPath(job.OrderId)))
            {
                // One paper per order: a second submission for the same order is refused, never overwritten.
                throw new PrinterException(PrintReasons.PrinterUnavailable, "Order " + job.OrderId + " was already printed.");
            }
            var id = (++nextJobId).ToString(CultureInfo.InvariantCulture);
            var record = new Job(id, job.OrderId, job.SessionId, job.SerialHash, job.DocumentId, job.Copies,
                Convert.ToHexStringLower(SHA256.HashData(job.Pdf)), time.GetUtcNow());
            WriteAtomically(pdfPath, job.Pdf);
            WriteSidecar(record);
            jobs[id] = record;
            return Task.FromResult(new PrintJobHandle(job.OrderId, id));
        }
    }

    /// <inheritdoc />
    public Task<PrintJobState> GetJobStateAsync(PrintJobHandle handle, CancellationToken ct)
    {
        lock (gate)
        {
            var job = Find(handle);
            if (job is null)
            {
                return Task.FromResult(PrintJobState.Unknown);
            }
            Refresh(job);
            return Task.FromResult(job.State);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<PrintJobHandle>?> FindOpenJobsAsync(string orderId, CancellationToken ct)
    {
        lock (gate)
        {
            if (Condition == FolderPrinterCondition.Offline)
            {
                return Task.FromResult<IReadOnlyList<PrintJobHandle>?>(null);
            }
            IReadOnlyList<PrintJobHandle> open = jobs.Values
                .Where(j => j.OrderId == orderId && Refresh(j) == PrintJobState.Processing)
                .Select(j => new PrintJobHandle(j.OrderId, j.Id))
                .ToList();
            return Task.FromResult<IReadOnlyList<PrintJobHandle>?>(open);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<PrintJobRecord>?> FindJobsAsync(string orderId, CancellationToken ct)
    {
        lock (gate)
        {
            if (Condition == FolderPrinterCondition.Offline)
            {
                return Task.FromResult<IReadOnlyList<PrintJobRecord>?>(null);
            }
            var found = jobs.Values.Where(j => j.OrderId == orderId).ToList();
            if (found.Count == 0 && Restore(orderId) is { } before)
            {
                found.Add(before);
            }
            IReadOnlyList<PrintJobRecord> records = found.Select(j => new PrintJobRecord(new PrintJobHandle(j.OrderId, j.Id), Refresh(j))).ToList();
            return Task.FromResult<IReadOnlyList<PrintJobRecord>?>(records);
        }
    }

    /// <summary>The job behind a handle: one of this process, or one an earlier bridge process left on disk.</summary>
    private Job? Find(PrintJobHandle handle)
    {
        if (jobs.TryGetValue(handle.JobId, out var job) && job.OrderId == handle.OrderId)
        {
            return job;
        }
        var before = Restore(handle.OrderId);
        return before?.Id == handle.JobId ? before : null;
    }

    /// <summary>Reads an order's sidecar written before a restart; the folder is the printer's memory, not the process.</summary>
    private Job? Restore(string orderId)
    {
        if (earlier.TryGetValue(orderId, out var known))
        {
            return known;
        }
        var path = SidecarPath(orderId);
        if (!File.Exists(path))
        {
            return null;
        }
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
            var r = doc.RootElement;
            var job = new Job(r.GetProperty("jobId").GetString()!, orderId, r.GetProperty("sessionId").GetString()!, r.GetProperty("serialHash").GetString()!,
                r.GetProperty("documentId").GetString()!, r.GetProperty("copies").GetInt32(), r.GetProperty("sha256").GetString()!,
                r.GetProperty("submittedAt").GetDateTimeOffset())
            {
                State = Enum.TryParse<PrintJobState>(r.GetProperty("state").GetString(), ignoreCase: true, out var state) ? state : PrintJobState.Unknown,
            };
            earlier[orderId] = job;
            return job;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or IOException or FormatException)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public Task CancelAsync(PrintJobHandle handle, CancellationToken ct)
    {
        lock (gate)
        {
            var job = Find(handle);
            if (job is null || Refresh(job) != PrintJobState.Processing)
            {
                return Task.CompletedTask;
            }
            job.State = PrintJobState.Cancelled;
            // A cancelled job produced no paper: its output goes, the sidecar keeps the record of what happened.
            File.Delete(PdfPath(job.OrderId));
            WriteSidecar(job);
            return Task.CompletedTask;
        }
    }

    /// <summary>Moves a running job to completed once its simulated time passed while the printer was ready.</summary>
    private PrintJobState Refresh(Job job)
    {
        if (job.State == PrintJobState.Processing && Condition == FolderPrinterCondition.Ready
            && time.GetUtcNow() - job.SubmittedAt >= processingTime)
        {
            job.State = PrintJobState.Completed;
            WriteSidecar(job);
        }
        return job.State;
    }

    private string PdfPath(string orderId) => Path.Combine(folder, SafeName(orderId) + ".pdf");

    private string SidecarPath(string orderId) => Path.Combine(folder, SafeName(orderId) + ".json");

    private static string SafeName(string orderId)
    {
        foreach (var c in orderId)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '-' && c != '_')
            {
                throw new PrinterException(PrintReasons.PrinterUnavailable, "Order id is not a safe file name.");
            }
        }
        return orderId.Length == 0 ? throw new PrinterException(PrintReasons.PrinterUnavailable, "Empty order id.") : orderId;
    }

    private void WriteSidecar(Job job) => WriteAtomically(SidecarPath(job.OrderId), JsonSerializer.SerializeToUtf8Bytes(new
    {
        jobId = job.Id,
        orderId = job.OrderId,
        sessionId = job.SessionId,
        serialHash = job.SerialHash,
        documentId = job.DocumentId,
        copies = job.Copies,
        sha256 = job.Sha256,
        submittedAt = job.SubmittedAt,
        state = job.State.ToString().ToLowerInvariant(),
    }));

    private static void WriteAtomically(string path, byte[] bytes)
    {
        var tmp = path + ".tmp";
        File.WriteAllBytes(tmp, bytes);
        File.Move(tmp, path, overwrite: true);
    }

    private sealed class Job(string id, string orderId, string sessionId, string serialHash, string documentId, int copies, string sha256, DateTimeOffset submittedAt)
    {
        public string Id { get; } = id;
        public string OrderId { get; } = orderId;
        public string SessionId { get; } = sessionId;
        public string SerialHash { get; } = serialHash;
        public string DocumentId { get; } = documentId;
        public int Copies { get; } = copies;
        public string Sha256 { get; } = sha256;
        public DateTimeOffset SubmittedAt { get; } = submittedAt;
        public PrintJobState State { get; set; } = PrintJobState.Processing;
    }
}
