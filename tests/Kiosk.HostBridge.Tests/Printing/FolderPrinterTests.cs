using System.Text.Json;
using Kiosk.HostBridge.Payments;
using Kiosk.HostBridge.Printing;

namespace Kiosk.HostBridge.Tests.PrintingTests;

/// <summary>The simulator's folder printer behaves like the IPP one: status, job states, cancel, one paper per order.</summary>
public sealed class FolderPrinterTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("kiosk-folder-printer-").FullName;

    public void Dispose() => Directory.Delete(folder, true);

    [Fact]
    public async Task WritesTheOrdersPdfAndItsBindingSidecar()
    {
        var printer = new FolderPrinter(new FolderPrinterOptions { Folder = folder });
        var order = TestOrder.New();

        var handle = await printer.SubmitAsync(new PrintJob(order.OrderId, order.SessionId, order.SerialHash, order.DocumentId, order.Pdf, 1), default);

        Assert.Equal(PrintJobState.Completed, await printer.GetJobStateAsync(handle, default));
        Assert.Equal(order.Sha256, TestPdfs.Sha256(File.ReadAllBytes(Path.Combine(folder, order.OrderId + ".pdf"))));
        using var sidecar = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(folder, order.OrderId + ".json")));
        Assert.Equal(order.OrderId, sidecar.RootElement.GetProperty("orderId").GetString());
        Assert.Equal(order.SessionId, sidecar.RootElement.GetProperty("sessionId").GetString());
        Assert.Equal(order.SerialHash, sidecar.RootElement.GetProperty("serialHash").GetString());
        Assert.Equal(order.DocumentId, sidecar.RootElement.GetProperty("documentId").GetString());
        Assert.Equal(order.Sha256.ToLowerInvariant(), sidecar.RootElement.GetProperty("sha256").GetString());
        Assert.Equal("completed", sidecar.RootElement.GetProperty("state").GetString());
    }

    [Fact]
    public async Task RefusesASecondPaperForTheSameOrder()
    {
        var printer = new FolderPrinter(new FolderPrinterOptions { Folder = folder });
        var order = TestOrder.New();
        await printer.SubmitAsync(new PrintJob(order.OrderId, order.SessionId, order.SerialHash, order.DocumentId, order.Pdf, 1), default);

        var e = await Assert.ThrowsAsync<PrinterException>(() =>
            printer.SubmitAsync(new PrintJob(order.OrderId, order.SessionId, order.SerialHash, "other", TestPdfs.For("x"), 1), default));

        Assert.Equal(PrintReasons.PrinterUnavailable, e.Reason);
        Assert.Equal(order.Sha256, TestPdfs.Sha256(File.ReadAllBytes(Path.Combine(folder, order.OrderId + ".pdf"))));
    }

    [Theory]
    [InlineData(FolderPrinterCondition.OutOfPaper, "media-empty", PrintReasons.OutOfPaper)]
    [InlineData(FolderPrinterCondition.Offline, "offline", PrintReasons.PrinterUnavailable)]
    [InlineData(FolderPrinterCondition.Stopped, "stopped", PrintReasons.PrinterUnavailable)]
    public async Task InjectedConditionsShowInStatusAndRefuseJobs(FolderPrinterCondition condition, string reason, string code)
    {
        var printer = new FolderPrinter(new FolderPrinterOptions { Folder = folder }) { Condition = condition };
        var order = TestOrder.New();

        var status = await printer.GetStatusAsync(default);
        var e = await Assert.ThrowsAsync<PrinterException>(() =>
            printer.SubmitAsync(new PrintJob(order.OrderId, order.SessionId, order.SerialHash, order.DocumentId, order.Pdf, 1), default));

        Assert.False(status.Ready);
        Assert.Equal(new[] { reason }, status.Reasons);
        Assert.Equal(code, e.Reason);
        Assert.Empty(Directory.GetFiles(folder));
    }

    [Fact]
    public async Task JobStallsWhileOutOfPaperAndCancelRemovesItsPaper()
    {
        var time = new ManualTime(DateTimeOffset.UnixEpoch);
        var printer = new FolderPrinter(new FolderPrinterOptions { Folder = folder, ProcessingTime = TimeSpan.FromSeconds(5) }, time);
        var order = TestOrder.New();
        var handle = await printer.SubmitAsync(new PrintJob(order.OrderId, order.SessionId, order.SerialHash, order.DocumentId, order.Pdf, 1), default);

        Assert.Equal(PrintJobState.Processing, await printer.GetJobStateAsync(handle, default));
        printer.Condition = FolderPrinterCondition.OutOfPaper;
        time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(PrintJobState.Processing, await printer.GetJobStateAsync(handle, default));
        await printer.CancelAsync(handle, default);
        await printer.CancelAsync(handle, default);

        Assert.Equal(PrintJobState.Cancelled, await printer.GetJobStateAsync(handle, default));
        Assert.False(File.Exists(Path.Combine(folder, order.OrderId + ".pdf")));
        Assert.Contains("\"state\":\"cancelled\"", File.ReadAllText(Path.Combine(folder, order.OrderId + ".json")));
        Assert.Equal(PrintJobState.Unknown, await printer.GetJobStateAsync(new PrintJobHandle("someone-else", handle.JobId), default));
    }

    [Fact]
    public async Task GateOverFolderPrinterTimesOutRefundsAndLeavesNoPaper()
    {
        var printer = new FolderPrinter(new FolderPrinterOptions { Folder = folder, ProcessingTime = TimeSpan.FromHours(1) });
        using var rig = new PrintRig(printer, new PrintGateOptions { JobTimeout = TimeSpan.FromMilliseconds(400), PollInterval = TimeSpan.FromMilliseconds(20), CancelTimeout = TimeSpan.FromSeconds(1) });
        var (order, payment) = await rig.PaidOrderAsync();
        var request = order.Request();

        var result = await rig.Paid.PrintAsync(request, payment, default);

        Assert.False(result.Print.Printed);
        Assert.Equal(PrintReasons.Timeout, result.Print.Reason);
        Assert.Equal(PrintJobState.Cancelled, result.Print.FinalState);
        Assert.Equal(PaymentSteps.Refunded, result.Settlement);
        Assert.Equal(0, rig.Gate.HeldJobCount);
        Assert.False(File.Exists(Path.Combine(folder, order.OrderId + ".pdf")));
        Assert.All(request.Pdf, b => Assert.Equal(0, b));
    }

    [Fact]
    public async Task UnpaidOrderIsNeverPrinted()
    {
        var printer = new FolderPrinter(new FolderPrinterOptions { Folder = folder });
        using var rig = new PrintRig(printer);
        var order = TestOrder.New(rig.Binding);
        var intent = await rig.Payments.Provider.CreateAsync(order.OrderId, 300, default);
        var request = order.Request();

        var result = await rig.Paid.PrintAsync(request, intent.PaymentId, default);

        Assert.False(result.Print.Submitted);
        Assert.Equal(PrintReasons.PaymentFailed, result.Print.Reason);
        Assert.Equal(PaymentSteps.Voided, await rig.Payments.StateAsync(intent.PaymentId));
        Assert.Empty(Directory.GetFiles(folder));
        Assert.All(request.Pdf, b => Assert.Equal(0, b));
        // A confirmation arriving at the register afterwards is refused: no money for an order that will not print.
        var (late, _) = await rig.Payments.Provider.ConfirmAsync(PaymentCodes.Normalise(intent.PaymentCode)!, "store-1", 300, default);
        Assert.Equal(ConfirmResult.NotConfirmable, late);
    }

    [Fact]
    public async Task FailedCaptureCancelsTheSubmittedJob()
    {
        var printer = new FolderPrinter(new FolderPrinterOptions { Folder = folder, ProcessingTime = TimeSpan.FromHours(1) });
        using var rig = new PrintRig(printer);
        var order = TestOrder.New(rig.Binding);

        var result = await rig.Gate.PrintAsync(order.Request(), (_, _) => throw new InvalidOperationException("capture refused"), default);

        Assert.False(result.Printed);
        Assert.True(result.Submitted);
        Assert.Equal(PrintReasons.PaymentFailed, result.Reason);
        Assert.Equal(PrintJobState.Cancelled, result.FinalState);
        Assert.False(File.Exists(Path.Combine(folder, order.OrderId + ".pdf")));
    }
}
