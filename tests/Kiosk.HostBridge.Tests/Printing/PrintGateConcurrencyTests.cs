using Kiosk.HostBridge.Printing;

namespace Kiosk.HostBridge.Tests.PrintingTests;

/// <summary>Many orders racing through one gate onto the folder printer: each paper is exactly its own order's document.</summary>
public sealed class PrintGateConcurrencyTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("kiosk-gate-race-").FullName;

    public void Dispose() => Directory.Delete(folder, true);

    [Fact]
    public async Task FiftyRacingOrdersEachPrintTheirOwnDocument()
    {
        var printer = new FolderPrinter(new FolderPrinterOptions { Folder = folder });
        using var rig = new PrintRig(printer);
        var orders = Enumerable.Range(0, 50).Select(_ => TestOrder.New(rig.Binding)).ToArray();
        // Every fifth order lost its binding (card removed, session ended) just before printing.
        foreach (var lost in orders.Where((_, i) => i % 5 == 0))
        {
            rig.Binding.Unbind(lost.OrderId);
        }
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var racing = orders.Select(o => Task.Run(async () =>
        {
            await start.Task;
            return await rig.Gate.PrintAsync(o.Request(), CancellationToken.None);
        })).ToArray();
        start.SetResult();
        var results = await Task.WhenAll(racing);

        for (var i = 0; i < orders.Length; i++)
        {
            var path = Path.Combine(folder, orders[i].OrderId + ".pdf");
            Assert.Equal(orders[i].OrderId, results[i].OrderId);
            if (i % 5 == 0)
            {
                Assert.Equal(PrintReasons.BindingLost, results[i].Reason);
                Assert.False(File.Exists(path));
            }
            else
            {
                Assert.True(results[i].Printed);
                Assert.Equal(orders[i].Sha256, TestPdfs.Sha256(File.ReadAllBytes(path)));
            }
        }
    }
}
