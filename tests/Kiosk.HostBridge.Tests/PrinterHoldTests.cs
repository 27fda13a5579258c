using Kiosk.TestSupport;
using Kiosk.HostBridge.Printing;
using Kiosk.HostBridge.Tests.Support;

namespace Kiosk.HostBridge.Tests;

/// <summary>The order pipeline prints through the print gate: a job whose cancel cannot be confirmed holds the printer, so
/// the next applicant's order is never submitted while it might still be coming out (the 2023 Yokohama failure).</summary>
public sealed class PrinterHoldTests : IAsyncLifetime
{
    private readonly TestPki _pki = TestPki.Shared;
    private readonly TempFolder _temp = new("kiosk-bridge-hold-", Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools);
    private string _folder => _temp.Path;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        _temp.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_job_whose_cancel_is_not_confirmed_holds_the_printer_until_it_ends()
    {
        await using var bridge = await BridgeInstance.StartAsync(_pki, _folder,
            DatabaseChoice.SqliteIn(Path.Combine(_folder, Guid.NewGuid().ToString("N")[..6])), BridgeInstance.NewDeploymentKey(),
            new Dictionary<string, string?> { ["Bridge:Timing:OrderDeadline"] = "00:00:03", ["Printing:Gate:CancelTimeout"] = "00:00:00.300" });
        bridge.Issuance.AddResident(_pki.Card, "resident-1");
        var printer = bridge.Printer;
        var gate = bridge.Get<PrintGate>();
        printer.HoldJobs = true;
        printer.IgnoreCancel = true;
        var client = bridge.Client(_pki.Device);

        // Order A: submitted, never finishes, and the printer never confirms the cancel at the deadline.
        var sidA = await Wire.OpenAuthenticatedAsync(client, _pki.Card);
        var idA = (await Wire.OrderAsync(client, sidA, Guid.NewGuid().ToString())).Str("orderId");
        var finalA = await Wire.WaitForFinalAsync(client, idA, TimeSpan.FromSeconds(15));
        Assert.Equal("refunded", finalA.Str("state"));
        Assert.Equal("timeout", finalA.Str("reason"));
        var jobA = Assert.Single(printer.Jobs);
        Assert.Equal(PrintJobState.Processing, printer.States[jobA.Key]);
        Assert.Equal(1, gate.HeldJobCount);
        Assert.All(jobA.Value.Pdf, b => Assert.Equal(0, b));

        // Order B: the printer is held for A's job, so B is never submitted and its money goes back.
        var sidB = await Wire.OpenAuthenticatedAsync(client, _pki.Card);
        var idB = (await Wire.OrderAsync(client, sidB, Guid.NewGuid().ToString())).Str("orderId");
        var finalB = await Wire.WaitForFinalAsync(client, idB, TimeSpan.FromSeconds(15));
        Assert.Equal("failed", finalB.Str("state"));
        Assert.Equal("printer-unavailable", finalB.Str("reason"));
        Assert.Single(printer.Jobs);
        Assert.DoesNotContain(printer.Jobs.Values, j => j.OrderId == idB);
        Assert.DoesNotContain("pay-" + idB, bridge.Payments.Captured);
        Assert.Contains("pay-" + idB, bridge.Payments.Voided);

        // A's job ends at the printer (staff cleared it): the next order prints, with its own document only.
        printer.States[jobA.Key] = PrintJobState.Cancelled;
        printer.HoldJobs = false;
        printer.IgnoreCancel = false;
        var sidC = await Wire.OpenAuthenticatedAsync(client, _pki.Card);
        var idC = (await Wire.OrderAsync(client, sidC, Guid.NewGuid().ToString())).Str("orderId");
        Assert.Equal("printed", (await Wire.WaitForFinalAsync(client, idC, TimeSpan.FromSeconds(15))).Str("state"));
        Assert.Equal(0, gate.HeldJobCount);
        Assert.Equal(2, printer.Jobs.Count);
        var jobC = Assert.Single(printer.Jobs.Values, j => j.OrderId == idC);
        Assert.Equal("doc-" + idC, jobC.DocumentId);
        Assert.Equal(sidC, jobC.SessionId);
        Assert.Single(printer.Jobs.Values, j => j.DocumentId == "doc-" + idA);
        Assert.Contains("pay-" + idC, bridge.Payments.Captured);
    }
}
