using Kiosk.HostBridge.Payments;
using Kiosk.TestSupport;

namespace Kiosk.HostBridge.Tests.PrintingTests;

/// <summary>Two terminals' orders reaching the same printer in the same millisecond (the 2023 Kawasaki and Takamatsu failure
/// modes): every sheet is its own order's document.</summary>
[Collection(IppEvePrinterCollection.Name)]
public class IppEvePrinterConcurrencyTests(IppEvePrinterFixture fixture)
{
    private const int Rounds = 6;

    [Fact]
    public async Task TwoTerminalsThroughOneBridgeEachGetTheirOwnPaper()
    {
        using var printer = IppEvePrinter.Start(fixture.Bus);
        using var rig = PrintRig.ForIpp(printer.Uri);
        await RunRoundsAsync(printer, rig, rig);
    }

    [Fact]
    public async Task TwoBridgeNodesSharingOnePrinterEachGetTheirOwnPaper()
    {
        using var printer = IppEvePrinter.Start(fixture.Bus);
        using var node1 = PrintRig.ForIpp(printer.Uri);
        using var node2 = PrintRig.ForIpp(printer.Uri);
        await RunRoundsAsync(printer, node1, node2);
    }

    private static async Task RunRoundsAsync(IppEvePrinter printer, PrintRig terminal1, PrintRig terminal2)
    {
        var all = new List<TestOrder>();
        for (var round = 0; round < Rounds; round++)
        {
            var (o1, p1) = await terminal1.PaidOrderAsync();
            var (o2, p2) = await terminal2.PaidOrderAsync();
            all.Add(o1);
            all.Add(o2);
            // Both requests are released by one signal, so they leave within the same millisecond.
            var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var t1 = Task.Run(async () =>
            {
                await start.Task;
                return await terminal1.Paid.PrintAsync(o1.Request(), p1, CancellationToken.None);
            });
            var t2 = Task.Run(async () =>
            {
                await start.Task;
                return await terminal2.Paid.PrintAsync(o2.Request(), p2, CancellationToken.None);
            });
            await Task.Delay(20);
            start.SetResult();
            var results = await Task.WhenAll(t1, t2);

            Assert.All(results, r => Assert.True(r.Print.Printed, r.Print.Reason + " " + printer.Log));
            Assert.All(results, r => Assert.Equal(PaymentSteps.Captured, r.Settlement));
            Assert.Equal(o1.OrderId, results[0].Print.OrderId);
            Assert.Equal(o2.OrderId, results[1].Print.OrderId);
        }

        var files = printer.SpoolPdfs();
        Assert.Equal(all.Count, files.Length);
        foreach (var order in all)
        {
            var file = Assert.Single(files, f => Path.GetFileName(f).Contains("order-" + order.OrderId, StringComparison.OrdinalIgnoreCase));
            Assert.Equal(order.Sha256, TestPdfs.Sha256(await File.ReadAllBytesAsync(file)));
        }
    }
}
