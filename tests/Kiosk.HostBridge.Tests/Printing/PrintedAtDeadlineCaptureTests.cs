using Kiosk.HostBridge.Payments;
using Kiosk.HostBridge.Printing;

namespace Kiosk.HostBridge.Tests.PrintingTests;

/// <summary>Found by the load test (kiosk-load): the print deadline hit while the job was being recorded and the money captured,
/// but the printer had already finished the job, so the gate rightly reported "printed" — and the payment stayed authorised.
/// The paper is out, so the money must be captured.</summary>
public sealed class PrintedAtDeadlineCaptureTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("kiosk-deadline-capture-").FullName;

    public void Dispose() => Directory.Delete(folder, true);

    [Fact]
    public async Task JobCompletedAtTheDeadlineDuringTheCaptureEndsPrintedWithTheMoneyCaptured()
    {
        var printer = new FolderPrinter(new FolderPrinterOptions { Folder = folder, ProcessingTime = TimeSpan.Zero });
        using var rig = new PrintRig(printer, new PrintGateOptions
        {
            JobTimeout = TimeSpan.FromMilliseconds(300), PollInterval = TimeSpan.FromMilliseconds(20), CancelTimeout = TimeSpan.FromSeconds(2),
        });
        var (order, payment) = await rig.PaidOrderAsync();

        // Recording the job on the order outlasts the job's deadline (a slow database under load).
        var result = await rig.Paid.PrintAsync(order.Request(), payment, async (_, t) => await Task.Delay(TimeSpan.FromSeconds(5), t), default);

        Assert.True(result.Print.Printed);
        Assert.True(File.Exists(Path.Combine(folder, order.OrderId + ".pdf")));
        Assert.Equal(PaymentSteps.Captured, result.Settlement);
        Assert.Equal(PaymentSteps.Captured, await rig.Payments.StateAsync(payment));
    }
}
