using System.Net;
using Kiosk.HostBridge.Audit;
using Kiosk.HostBridge.Orders;
using Kiosk.HostBridge.Tests.Support;
using Kiosk.TestSupport;
using Microsoft.Data.Sqlite;

namespace Kiosk.HostBridge.Tests.PrintingTests;

/// <summary>R13 with a real ippeveprinter: the printer is killed mid-job and comes back without the job. The bridge cannot
/// tell whether the sheet came out, so the resident is refunded and both the audit and the refund say the outcome is
/// unknown and a sheet may exist, for staff to check the tray.</summary>
[Collection(IppEvePrinterCollection.Name)]
public sealed class PrinterLostJobTests(IppEvePrinterFixture fixture) : IAsyncLifetime
{
    private readonly TestPki _pki = TestPki.Shared;
    private readonly TempFolder _temp = new("kiosk-lost-job-", Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools);
    private string _folder => _temp.Path;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        _temp.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_job_the_restarted_printer_forgot_is_refunded_and_recorded_as_outcome_unknown()
    {
        var slow = IppEvePrinter.WriteScript(fixture.ScriptDir, "slow-" + Guid.NewGuid().ToString("N")[..6] + ".sh", "exec sleep 30");
        using var printer = IppEvePrinter.Start(fixture.Bus, slow);
        await using var bridge = await BridgeInstance.StartAsync(_pki, _folder, DatabaseChoice.SqliteIn(_folder), BridgeInstance.NewDeploymentKey(),
            new Dictionary<string, string?>
            {
                ["Printing:Printers:0:Id"] = "printer-1", ["Printing:Printers:0:Kind"] = "ipp", ["Printing:Printers:0:Uri"] = printer.Uri.ToString(),
                ["Printing:Printers:0:Stores:0"] = "store-1", ["Printing:Printers:0:RequestTimeout"] = "00:00:02",
                ["Printing:Gate:JobTimeout"] = "00:00:40", ["Printing:Gate:PollInterval"] = "00:00:00.050", ["Printing:Gate:CancelTimeout"] = "00:00:02",
            });
        bridge.Issuance.AddResident(_pki.Card, "resident-1");
        var client = bridge.Client(_pki.Device);
        var sid = await Wire.OpenAuthenticatedAsync(client, _pki.Card);
        var placed = await Wire.OrderAsync(client, sid, Guid.NewGuid().ToString());
        Assert.True(placed.Status == HttpStatusCode.Created, placed.Text);
        var orderId = placed.Str("orderId");

        // The printer has the document and is printing it; then it is killed and started again, knowing no job.
        var until = DateTime.UtcNow.AddSeconds(15);
        while ((printer.SpoolPdfs().Length == 0 || (await bridge.Get<OrderStore>().GetAsync(orderId, default))!.PrintJobId is null) && DateTime.UtcNow < until)
            await Task.Delay(50);
        Assert.Single(printer.SpoolPdfs());
        printer.Restart("/bin/true");

        var final = await Wire.WaitForFinalAsync(client, orderId, TimeSpan.FromSeconds(20));
        Assert.Equal("refunded", final.Str("state"));
        Assert.Equal(OrderPipeline.PrinterLostJob, final.Str("reason"));
        Assert.Contains("pay-" + orderId, bridge.Payments.Captured);
        Assert.Equal(OrderPipeline.PrinterLostJobRefundReason, bridge.Payments.VoidReasons["pay-" + orderId]);
        var audit = (await bridge.Get<AuditLog>().ReadAsync(null, default)).Where(a => a.Entry.OrderId == orderId).ToList();
        Assert.Contains(audit, a => a.Entry.Step == "abort" && a.Entry.Outcome == OrderPipeline.PrinterLostJob);
        var unknown = Assert.Single(audit, a => a.Entry.Outcome == OrderPipeline.OutcomeUnknown);
        Assert.Equal("print", unknown.Entry.Step);
        Assert.Equal("store-1", unknown.Entry.StoreId);
        Assert.False(string.IsNullOrEmpty(unknown.Entry.ReceiptCode));
        Assert.Contains("staff check the tray", bridge.AllLogs);
        Assert.True((await bridge.Get<AuditLog>().VerifyAsync(default)).Intact);
    }
}
