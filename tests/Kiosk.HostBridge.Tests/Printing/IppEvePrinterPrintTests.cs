using Kiosk.HostBridge.Payments;
using Kiosk.HostBridge.Printing;
using Kiosk.HostBridge.Printing.Ipp;
using Kiosk.TestSupport;

namespace Kiosk.HostBridge.Tests.PrintingTests;

/// <summary>The IPP client against a real ippeveprinter: the paper is the order's own, byte for byte.</summary>
[Collection(IppEvePrinterCollection.Name)]
public class IppEvePrinterPrintTests(IppEvePrinterFixture fixture)
{
    [Fact]
    public async Task PaidOrderArrivesByteIdenticalNamedForItsOrder()
    {
        using var printer = IppEvePrinter.Start(fixture.Bus);
        using var rig = PrintRig.ForIpp(printer.Uri);
        var (order, paymentId) = await rig.PaidOrderAsync();
        var request = order.Request();

        var result = await rig.Paid.PrintAsync(request, paymentId, CancellationToken.None);

        Assert.True(result.Print.Printed, printer.Log);
        Assert.Equal(PrintJobState.Completed, result.Print.FinalState);
        Assert.Equal(PaymentSteps.Captured, result.Settlement);
        Assert.Equal(PaymentSteps.Captured, await rig.Payments.StateAsync(paymentId));
        var file = Assert.Single(printer.SpoolPdfs());
        Assert.Contains("order-" + order.OrderId + "-doc-" + order.DocumentId, Path.GetFileName(file), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(order.Sha256, TestPdfs.Sha256(await File.ReadAllBytesAsync(file)));
        Assert.All(request.Pdf, b => Assert.Equal(0, b));
        Assert.Equal(
            new[] { "printer-checked", "binding-confirmed", "submitted", "completed", "document-wiped" },
            rig.Audit.PrintSteps(order.OrderId));
        Assert.Equal(new[] { "created", "authorised", "captured" }, rig.Audit.PaymentSteps(order.OrderId));

        // The printer itself records the binding in the job: job-name and requesting-user-name.
        using var http = new HttpClient();
        var client = new IppClient(http, printer.Uri, "kiosk-bridge");
        var job = await client.GetJobAttributesAsync(int.Parse(result.Print.JobId!, System.Globalization.CultureInfo.InvariantCulture),
            new[] { "job-name", "job-originating-user-name", "job-state" }, CancellationToken.None);
        Assert.Equal(PrintJobNames.For(order.OrderId, order.DocumentId), job.Find(IppTag.JobAttributes, "job-name")!.Values[0].AsString());
        Assert.Equal("kiosk-bridge", job.Find(IppTag.JobAttributes, "job-originating-user-name")!.Values[0].AsString());
        Assert.Equal((int)IppJobState.Completed, job.Find(IppTag.JobAttributes, "job-state")!.Values[0].AsInt32());
    }

    [Fact]
    public async Task StatusIsReadyWhileRunningAndOfflineOnceStopped()
    {
        using var printer = IppEvePrinter.Start(fixture.Bus);
        using var rig = PrintRig.ForIpp(printer.Uri);

        var up = await rig.Printer.GetStatusAsync(CancellationToken.None);
        printer.Stop();
        var down = await rig.Printer.GetStatusAsync(CancellationToken.None);

        Assert.True(up.Ready, string.Join(",", up.Reasons));
        Assert.False(down.Ready);
        Assert.Equal(new[] { "offline" }, down.Reasons);
    }

    [Fact]
    public async Task OfflinePrinterFailsCleanlyVoidsAndPrintsNothing()
    {
        using var rig = PrintRig.ForIpp(new Uri("ipp://localhost:" + IppEvePrinter.FreePort() + "/ipp/print"));
        var (order, paymentId) = await rig.PaidOrderAsync();
        var request = order.Request();

        var result = await rig.Paid.PrintAsync(request, paymentId, CancellationToken.None);

        Assert.False(result.Print.Printed);
        Assert.False(result.Print.Submitted);
        Assert.Equal(PrintReasons.PrinterUnavailable, result.Print.Reason);
        Assert.Equal(PaymentSteps.Voided, result.Settlement);
        Assert.Equal(PaymentSteps.Voided, await rig.Payments.StateAsync(paymentId));
        Assert.Equal(0, rig.Binding.Checks);
        Assert.All(request.Pdf, b => Assert.Equal(0, b));
        Assert.Contains("failed", rig.Audit.PrintSteps(order.OrderId));
        Assert.DoesNotContain("captured", rig.Audit.PaymentSteps(order.OrderId));
    }

    [Fact]
    public async Task LostBindingIsNeverSubmitted()
    {
        using var printer = IppEvePrinter.Start(fixture.Bus);
        using var rig = PrintRig.ForIpp(printer.Uri);
        var (order, paymentId) = await rig.PaidOrderAsync();
        rig.Binding.Bind(order.OrderId, "another-session", order.SerialHash);

        var result = await rig.Paid.PrintAsync(order.Request(), paymentId, CancellationToken.None);

        Assert.False(result.Print.Submitted);
        Assert.Equal(PrintReasons.BindingLost, result.Print.Reason);
        Assert.Equal(PaymentSteps.Voided, await rig.Payments.StateAsync(paymentId));
        Assert.Empty(printer.SpoolPdfs());
    }
}
