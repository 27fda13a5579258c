using Kiosk.HostBridge.Payments;
using Kiosk.HostBridge.Printing;

namespace Kiosk.HostBridge.Tests.PrintingTests;

/// <summary>The printer took the document but its answer was lost (timeout under load): the job is found by its order's
/// name and cancelled, and until that is possible no other order prints.</summary>
public sealed class LostSubmissionAnswerTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("kiosk-lost-answer-").FullName;

    public void Dispose() => Directory.Delete(folder, true);

    [Fact]
    public async Task JobBehindALostAnswerIsFoundAndCancelledAndTheMoneyVoided()
    {
        var inner = new FolderPrinter(new FolderPrinterOptions { Folder = folder, ProcessingTime = TimeSpan.FromHours(1) });
        using var rig = new PrintRig(new LostAnswerPrinter(inner));
        var (order, payment) = await rig.PaidOrderAsync();

        var result = await rig.Paid.PrintAsync(order.Request(), payment, default);

        Assert.False(result.Print.Printed);
        Assert.False(result.Print.Submitted);
        Assert.Equal(PaymentSteps.Voided, await rig.Payments.StateAsync(payment));
        Assert.False(File.Exists(Path.Combine(folder, order.OrderId + ".pdf")));
        Assert.Contains("\"state\":\"cancelled\"", File.ReadAllText(Path.Combine(folder, order.OrderId + ".json")));
        Assert.Equal(0, rig.Gate.HeldJobCount);
    }

    [Fact]
    public async Task PrinterIsHeldUntilTheLostJobCanBeFoundAndEnded()
    {
        var inner = new FolderPrinter(new FolderPrinterOptions { Folder = folder, ProcessingTime = TimeSpan.FromHours(1) });
        var printer = new LostAnswerPrinter(inner) { LookupAnswers = false };
        using var rig = new PrintRig(printer);
        var (a, payA) = await rig.PaidOrderAsync();

        var resultA = await rig.Paid.PrintAsync(a.Request(), payA, default);
        Assert.False(resultA.Print.Printed);
        Assert.Equal(1, rig.Gate.HeldJobCount);

        printer.LoseAnswers = false;
        var (b, payB) = await rig.PaidOrderAsync();
        var resultB = await rig.Paid.PrintAsync(b.Request(), payB, default);
        Assert.False(resultB.Print.Submitted);
        Assert.False(File.Exists(Path.Combine(folder, b.OrderId + ".pdf")));
        Assert.Equal(PaymentSteps.Voided, await rig.Payments.StateAsync(payB));

        // The printer can be asked again: A's stray job is cancelled first, then C prints.
        printer.LookupAnswers = true;
        var c = TestOrder.New(rig.Binding);
        var resultC = await rig.Gate.PrintAsync(c.Request(), default);

        Assert.Equal(0, rig.Gate.HeldJobCount);
        Assert.False(File.Exists(Path.Combine(folder, a.OrderId + ".pdf")));
        Assert.True(resultC.Submitted);
        Assert.Contains(rig.Audit.Print, e => e.OrderId == a.OrderId && e.Step == PrintAuditSteps.Resolved);
    }

    /// <summary>Wraps the folder printer: the document is taken, but the answer never reaches the bridge.</summary>
    private sealed class LostAnswerPrinter(FolderPrinter inner) : IPrinter, IPrintJobLookup
    {
        public bool LoseAnswers { get; set; } = true;
        public bool LookupAnswers { get; set; } = true;

        public Task<PrinterStatus> GetStatusAsync(CancellationToken ct) => inner.GetStatusAsync(ct);

        public async Task<PrintJobHandle> SubmitAsync(PrintJob job, CancellationToken ct)
        {
            var handle = await inner.SubmitAsync(job, ct);
            return LoseAnswers ? throw new PrinterException(PrintReasons.PrinterUnavailable, "answer lost", mayHaveBeenAccepted: true) : handle;
        }

        public Task<PrintJobState> GetJobStateAsync(PrintJobHandle handle, CancellationToken ct) => inner.GetJobStateAsync(handle, ct);

        public Task CancelAsync(PrintJobHandle handle, CancellationToken ct) => inner.CancelAsync(handle, ct);

        public Task<IReadOnlyList<PrintJobHandle>?> FindOpenJobsAsync(string orderId, CancellationToken ct) =>
            LookupAnswers ? inner.FindOpenJobsAsync(orderId, ct) : Task.FromResult<IReadOnlyList<PrintJobHandle>?>(null);
    }
}
