using Kiosk.HostBridge.Payments;
using Kiosk.HostBridge.Printing;
using Kiosk.TestSupport;

namespace Kiosk.HostBridge.Tests.PrintingTests;

/// <summary>Printer failures with a real ippeveprinter: a timeout ends the whole order, the money goes back, nothing prints
/// twice, and no other order's paper comes out (the 2023 Yokohama failure mode).</summary>
[Collection(IppEvePrinterCollection.Name)]
public class IppEvePrinterFailureTests(IppEvePrinterFixture fixture)
{
    private static PrintGateOptions Short(double jobSeconds) => new()
    {
        JobTimeout = TimeSpan.FromSeconds(jobSeconds),
        PollInterval = TimeSpan.FromMilliseconds(50),
        CancelTimeout = TimeSpan.FromSeconds(1),
    };

    [Fact]
    public async Task SlowPrinterPastTheDeadlineCancelsRefundsAndHoldsThePrinterUntilTheJobEnds()
    {
        // Only the first job is slow (well past the deadline); later jobs print at once.
        var marker = Path.Combine(fixture.ScriptDir, "slow-" + Guid.NewGuid().ToString("N"));
        var slow = IppEvePrinter.WriteScript(fixture.ScriptDir, "slow-once.sh", "if [ -e " + marker + " ]; then exit 0; fi\ntouch " + marker + "\nexec sleep 6");
        using var printer = IppEvePrinter.Start(fixture.Bus, slow);
        using var rig = PrintRig.ForIpp(printer.Uri, Short(3));
        var (a, payA) = await rig.PaidOrderAsync();
        var requestA = a.Request();

        var resultA = await rig.Paid.PrintAsync(requestA, payA, CancellationToken.None);

        Assert.False(resultA.Print.Printed);
        Assert.True(resultA.Print.Submitted);
        Assert.Equal(PrintReasons.Timeout, resultA.Print.Reason);
        Assert.Equal(PrintReasons.PrinterUnavailable, PrintReasons.ToProblemCode(resultA.Print.Reason!));
        Assert.Equal(PaymentSteps.Refunded, resultA.Settlement);
        Assert.Equal(PaymentSteps.Refunded, await rig.Payments.StateAsync(payA));
        Assert.Equal(new[] { "created", "authorised", "captured", "refunded" }, rig.Audit.PaymentSteps(a.OrderId));
        Assert.Equal(
            new[] { "printer-checked", "binding-confirmed", "submitted", "cancel-requested", "cancel-unconfirmed", "failed", "document-wiped" },
            rig.Audit.PrintSteps(a.OrderId));
        Assert.All(requestA.Pdf, b => Assert.Equal(0, b));
        // ippeveprinter finishes the running command before a cancel takes effect: the gate must keep the printer.
        Assert.Equal(1, rig.Gate.HeldJobCount);

        var (b, payB) = await rig.PaidOrderAsync();
        var resultB = await rig.Paid.PrintAsync(b.Request(), payB, CancellationToken.None);

        Assert.False(resultB.Print.Submitted);
        Assert.Equal(PrintReasons.PrinterUnavailable, resultB.Print.Reason);
        Assert.Equal(PaymentSteps.Voided, await rig.Payments.StateAsync(payB));

        // Once A's job has really ended (as cancelled), the printer serves the next order again.
        var handleA = new PrintJobHandle(a.OrderId, resultA.Print.JobId!);
        await WaitForAsync(async () => await rig.Printer.GetJobStateAsync(handleA, CancellationToken.None) == PrintJobState.Cancelled, 20);
        rig.Options.JobTimeout = TimeSpan.FromSeconds(20);
        var (c, payC) = await rig.PaidOrderAsync();
        var resultC = await rig.Paid.PrintAsync(c.Request(), payC, CancellationToken.None);

        Assert.True(resultC.Print.Printed, printer.Log);
        Assert.Equal(0, rig.Gate.HeldJobCount);
        Assert.Contains(rig.Audit.Print, e => e.OrderId == a.OrderId && e.Step == PrintAuditSteps.Resolved);
        AssertSpoolHoldsExactly(printer, a, c);
    }

    [Fact]
    public async Task PrinterKilledMidJobFailsTheOrderRefundsAndNeverReprints()
    {
        var slow = IppEvePrinter.WriteScript(fixture.ScriptDir, "stuck.sh", "exec sleep 30");
        using var printer = IppEvePrinter.Start(fixture.Bus, slow);
        using var rig = PrintRig.ForIpp(printer.Uri, Short(3));
        var (a, payA) = await rig.PaidOrderAsync();

        var running = rig.Paid.PrintAsync(a.Request(), payA, CancellationToken.None);
        await WaitForAsync(() => Task.FromResult(rig.Audit.PrintSteps(a.OrderId).Contains(PrintAuditSteps.Submitted)), 10);
        printer.Stop();
        var resultA = await running;

        Assert.False(resultA.Print.Printed);
        Assert.True(resultA.Print.Submitted);
        Assert.Equal(PaymentSteps.Refunded, resultA.Settlement);
        Assert.Equal(PaymentSteps.Refunded, await rig.Payments.StateAsync(payA));
        Assert.Equal(1, rig.Gate.HeldJobCount);

        // While the printer is down nothing else is submitted.
        var (b, payB) = await rig.PaidOrderAsync();
        var resultB = await rig.Paid.PrintAsync(b.Request(), payB, CancellationToken.None);
        Assert.False(resultB.Print.Submitted);
        Assert.Equal(PaymentSteps.Voided, await rig.Payments.StateAsync(payB));

        // The printer comes back (fresh process, job ids start again at 1): A's job is gone, the next order prints alone.
        printer.Restart("/bin/true");
        rig.Options.JobTimeout = TimeSpan.FromSeconds(20);
        var (c, payC) = await rig.PaidOrderAsync();
        var resultC = await rig.Paid.PrintAsync(c.Request(), payC, CancellationToken.None);

        Assert.True(resultC.Print.Printed, printer.Log);
        Assert.Equal(0, rig.Gate.HeldJobCount);
        Assert.Equal(PaymentSteps.Captured, await rig.Payments.StateAsync(payC));
        AssertSpoolHoldsExactly(printer, a, c);
    }

    [Fact]
    public async Task OutOfPaperDuringTheJobIsReportedAsSuchAndRefunded()
    {
        var empty = IppEvePrinter.WriteScript(fixture.ScriptDir, "empty.sh", "echo 'STATE: +media-empty-error' >&2\nexec sleep 6");
        using var printer = IppEvePrinter.Start(fixture.Bus, empty);
        using var rig = PrintRig.ForIpp(printer.Uri, Short(3));
        var (a, payA) = await rig.PaidOrderAsync();

        var result = await rig.Paid.PrintAsync(a.Request(), payA, CancellationToken.None);

        Assert.False(result.Print.Printed);
        Assert.Equal(PrintReasons.OutOfPaper, result.Print.Reason);
        Assert.Equal(PrintReasons.OutOfPaper, PrintReasons.ToProblemCode(result.Print.Reason!));
        Assert.Equal(PaymentSteps.Refunded, await rig.Payments.StateAsync(payA));
        Assert.Contains("media-empty", (await rig.Printer.GetStatusAsync(CancellationToken.None)).Reasons);
    }

    [Fact]
    public async Task CallerCancellationEndsTheJobAndTheOrder()
    {
        var slow = IppEvePrinter.WriteScript(fixture.ScriptDir, "slow2.sh", "exec sleep 2");
        using var printer = IppEvePrinter.Start(fixture.Bus, slow);
        using var rig = PrintRig.ForIpp(printer.Uri, Short(20));
        var (a, payA) = await rig.PaidOrderAsync();
        using var sessionEnded = new CancellationTokenSource();

        var running = rig.Paid.PrintAsync(a.Request(), payA, sessionEnded.Token);
        await WaitForAsync(() => Task.FromResult(rig.Audit.PrintSteps(a.OrderId).Contains(PrintAuditSteps.Submitted)), 10);
        await sessionEnded.CancelAsync();
        var result = await running;

        Assert.False(result.Print.Printed);
        Assert.Equal(PrintReasons.Cancelled, result.Print.Reason);
        Assert.Equal(PaymentSteps.Refunded, await rig.Payments.StateAsync(payA));
    }

    [Fact]
    public async Task GetJobsFindsAnOrdersOpenJobByItsNameOnly()
    {
        var slow = IppEvePrinter.WriteScript(fixture.ScriptDir, "slow3.sh", "exec sleep 3");
        using var printer = IppEvePrinter.Start(fixture.Bus, slow);
        using var http = new HttpClient();
        var ipp = new IppPrinter(http, new IppPrinterOptions { PrinterUri = printer.Uri });
        var a = TestOrder.New();

        var handle = await ipp.SubmitAsync(new PrintJob(a.OrderId, a.SessionId, a.SerialHash, a.DocumentId, a.Pdf, 1), default);
        var mine = await ipp.FindOpenJobsAsync(a.OrderId, default);
        var others = await ipp.FindOpenJobsAsync("someone-else", default);
        await ipp.CancelAsync(handle, default);
        await WaitForAsync(async () => await ipp.GetJobStateAsync(handle, default) == PrintJobState.Cancelled, 15);
        var afterwards = await ipp.FindOpenJobsAsync(a.OrderId, default);
        printer.Stop();
        var offline = await ipp.FindOpenJobsAsync(a.OrderId, default);

        Assert.Equal(new[] { handle }, mine);
        Assert.Empty(others!);
        Assert.Empty(afterwards!);
        Assert.Null(offline);
    }

    private static void AssertSpoolHoldsExactly(IppEvePrinter printer, params TestOrder[] orders)
    {
        var files = printer.SpoolPdfs();
        Assert.Equal(orders.Length, files.Length);
        foreach (var order in orders)
        {
            var file = Assert.Single(files, f => Path.GetFileName(f).Contains("order-" + order.OrderId, StringComparison.OrdinalIgnoreCase));
            Assert.Equal(order.Sha256, TestPdfs.Sha256(File.ReadAllBytes(file)));
        }
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition, double seconds)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < until, "condition not reached within " + seconds + " s");
            await Task.Delay(50);
        }
    }
}
