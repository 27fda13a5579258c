using System.Net;
using Kiosk.HostBridge.Printing;
using Kiosk.HostBridge.Tests.Support;
using Kiosk.TestSupport;
using Microsoft.Data.Sqlite;

namespace Kiosk.HostBridge.Tests.PrintingTests;

/// <summary>Two stores, two real ippeveprinters, one bridge: each store's paper comes out of its own printer, a slow or dead
/// printer in one store neither delays nor fails the other store, and recovery after a restart asks the order's own
/// store printer what became of its job.</summary>
[Collection(IppEvePrinterCollection.Name)]
public sealed class StorePrintersTests(IppEvePrinterFixture fixture) : IAsyncLifetime
{
    private readonly TestPki _pki = TestPki.Shared;
    private readonly TempFolder _temp = new("kiosk-store-printers-", Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools);
    private string _folder => _temp.Path;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        _temp.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>Store-1 (the test PKI's Device) prints on <paramref name="one"/>, store-2 (OtherDevice) on <paramref name="two"/>.</summary>
    private static Dictionary<string, string?> TwoStores(IppEvePrinter one, IppEvePrinter two) => new()
    {
        ["Printing:Printers:0:Id"] = "printer-1", ["Printing:Printers:0:Kind"] = "ipp", ["Printing:Printers:0:Uri"] = one.Uri.ToString(),
        ["Printing:Printers:0:Stores:0"] = "store-1", ["Printing:Printers:0:RequestTimeout"] = "00:00:02",
        ["Printing:Printers:1:Id"] = "printer-2", ["Printing:Printers:1:Kind"] = "ipp", ["Printing:Printers:1:Uri"] = two.Uri.ToString(),
        ["Printing:Printers:1:Stores:0"] = "store-2", ["Printing:Printers:1:RequestTimeout"] = "00:00:02",
        ["Printing:Gate:JobTimeout"] = "00:00:15", ["Printing:Gate:PollInterval"] = "00:00:00.050", ["Printing:Gate:CancelTimeout"] = "00:00:01",
    };

    private static async Task<string> PlaceAsync(HttpClient client, TestCard card)
    {
        var sid = await Wire.OpenAuthenticatedAsync(client, card);
        var placed = await Wire.OrderAsync(client, sid, Guid.NewGuid().ToString());
        Assert.True(placed.Status == HttpStatusCode.Created, placed.Text);
        return placed.Str("orderId");
    }

    private static string PaperOf(IppEvePrinter printer, string orderId) =>
        Assert.Single(printer.SpoolPdfs(), f => Path.GetFileName(f).Contains("order-" + orderId + "-doc-", StringComparison.OrdinalIgnoreCase));

    [Fact]
    public async Task Each_store_prints_on_its_own_printer_and_one_printer_failing_touches_only_its_store()
    {
        var slowMarker = Path.Combine(fixture.ScriptDir, "slow-" + Guid.NewGuid().ToString("N"));
        // Printer 2 prints at once, except while the marker exists: then each job takes 4 s (a store printer warming up).
        var command = IppEvePrinter.WriteScript(fixture.ScriptDir, "slow-when-" + Guid.NewGuid().ToString("N")[..6] + ".sh",
            "if [ -e " + slowMarker + " ]; then exec sleep 4; fi\nexit 0");
        using var one = IppEvePrinter.Start(fixture.Bus);
        using var two = IppEvePrinter.Start(fixture.Bus, command);
        await using var bridge = await BridgeInstance.StartAsync(_pki, _folder, DatabaseChoice.SqliteIn(Path.Combine(_folder, "db1")),
            BridgeInstance.NewDeploymentKey(), TwoStores(one, two));
        bridge.Issuance.AddResident(_pki.Card, "resident-1");
        bridge.Issuance.AddResident(_pki.SecondCard, "resident-2");
        var store1 = bridge.Client(_pki.Device);
        var store2 = bridge.Client(_pki.OtherDevice);

        // Both stores at once: each paper on its own store's printer, none on the other's, none on the default printer.
        var orders = await Task.WhenAll(PlaceAsync(store1, _pki.Card), PlaceAsync(store2, _pki.SecondCard));
        Assert.Equal("printed", (await Wire.WaitForFinalAsync(store1, orders[0], TimeSpan.FromSeconds(20))).Str("state"));
        Assert.Equal("printed", (await Wire.WaitForFinalAsync(store2, orders[1], TimeSpan.FromSeconds(20))).Str("state"));
        PaperOf(one, orders[0]);
        PaperOf(two, orders[1]);
        Assert.Single(one.SpoolPdfs());
        Assert.Single(two.SpoolPdfs());
        Assert.Empty(bridge.Printer.Jobs);

        // Store-2's printer is slow: while its job is still printing, store-1's order is printed and done.
        File.WriteAllText(slowMarker, "");
        var slow = await PlaceAsync(store2, _pki.SecondCard);
        var until = DateTime.UtcNow.AddSeconds(10);
        while ((await Wire.GetAsync(store2, "/v1/orders/" + slow)).Str("state") != "printing" && DateTime.UtcNow < until) await Task.Delay(50);
        var fast = await PlaceAsync(store1, _pki.Card);
        Assert.Equal("printed", (await Wire.WaitForFinalAsync(store1, fast, TimeSpan.FromSeconds(20))).Str("state"));
        Assert.Equal("printing", (await Wire.GetAsync(store2, "/v1/orders/" + slow)).Str("state"));
        Assert.Equal("printed", (await Wire.WaitForFinalAsync(store2, slow, TimeSpan.FromSeconds(20))).Str("state"));
        File.Delete(slowMarker);

        // Store-2's printer dies: store-2's order fails with its money voided, store-1's prints and is paid.
        two.Stop();
        var dead = await Task.WhenAll(PlaceAsync(store1, _pki.Card), PlaceAsync(store2, _pki.SecondCard));
        var finalOne = await Wire.WaitForFinalAsync(store1, dead[0], TimeSpan.FromSeconds(20));
        var finalTwo = await Wire.WaitForFinalAsync(store2, dead[1], TimeSpan.FromSeconds(20));
        Assert.Equal("printed", finalOne.Str("state"));
        Assert.Equal("failed", finalTwo.Str("state"));
        Assert.Equal("printer-unavailable", finalTwo.Str("reason"));
        Assert.Contains("pay-" + dead[0], bridge.Payments.Captured);
        Assert.DoesNotContain("pay-" + dead[1], bridge.Payments.Captured);
        Assert.Contains("pay-" + dead[1], bridge.Payments.Voided);
        Assert.Equal(3, one.SpoolPdfs().Length);
        PaperOf(one, dead[0]);
        Assert.DoesNotContain(one.SpoolPdfs(), f => Path.GetFileName(f).Contains(dead[1], StringComparison.OrdinalIgnoreCase));

        // /readyz reports each printer: store-2's as offline, without taking the bridge (and store-1) out of service.
        var ready = await bridge.OpsClient().GetStringAsync("/readyz");
        using var json = System.Text.Json.JsonDocument.Parse(ready);
        var printers = json.RootElement.GetProperty("printers").EnumerateArray().ToDictionary(p => p.GetProperty("id").GetString()!, p => p.GetProperty("state").GetString());
        Assert.Equal("ok", printers["printer-1"]);
        Assert.Equal("offline", printers["printer-2"]);
        Assert.False(printers.ContainsKey(PrinterDirectory.DefaultId));

        // /metrics counts each printer's jobs apart.
        var metrics = await bridge.OpsClient().GetStringAsync("/metrics");
        Assert.Matches(@"kiosk_print_jobs_total\{outcome=""printed"",printer=""printer-1""\} 3\b", metrics);
        Assert.Matches(@"kiosk_print_jobs_total\{outcome=""printed"",printer=""printer-2""\} 2\b", metrics);
        Assert.Matches(@"kiosk_print_jobs_total\{outcome=""printer-unavailable"",printer=""printer-2""\} 1\b", metrics);
    }

    [Fact]
    public async Task Recovery_after_a_restart_asks_the_orders_own_store_printer()
    {
        using var one = IppEvePrinter.Start(fixture.Bus);
        using var two = IppEvePrinter.Start(fixture.Bus);
        var database = DatabaseChoice.SqliteIn(Path.Combine(_folder, "db2"));
        var key = BridgeInstance.NewDeploymentKey();
        var settings = TwoStores(one, two);
        settings["Bridge:Timing:RecoveryGrace"] = "00:00:01";
        var payments = new FakePayments { AutoAuthorise = false };
        var issuance = new FakeIssuanceBackend();
        issuance.AddResident(_pki.SecondCard, "resident-2");

        // Store-2 places an order; the register has not confirmed it yet.
        string orderId, sessionId;
        await using (var before = await BridgeInstance.StartAsync(_pki, _folder, database, key, settings, issuance, payments: payments))
        {
            var store2 = before.Client(_pki.OtherDevice);
            sessionId = await Wire.OpenAuthenticatedAsync(store2, _pki.SecondCard);
            orderId = (await Wire.OrderAsync(store2, sessionId, Guid.NewGuid().ToString())).Str("orderId");
        }

        // The crash this recovers from: the bridge claimed the printer (order printing), store-2's printer accepted and
        // finished the job, and the bridge died before it recorded the job id.
        payments.Authorised["pay-" + orderId] = 0;
        using (var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan })
        {
            var printer2 = new IppPrinter(http, new IppPrinterOptions { PrinterUri = two.Uri });
            var handle = await printer2.SubmitAsync(new PrintJob(orderId, sessionId, "serial", "doc-" + orderId, "%PDF-1.7 test"u8.ToArray(), 1), default);
            var until = DateTime.UtcNow.AddSeconds(10);
            while (await printer2.GetJobStateAsync(handle, default) != PrintJobState.Completed && DateTime.UtcNow < until) await Task.Delay(50);
        }
        await using (var c = new SqliteConnection(database.ConnectionString))
        {
            await c.OpenAsync();
            await using var cmd = c.CreateCommand();
            cmd.CommandText = "UPDATE orders SET state = 'printing', version = version + 1, updated_at = updated_at - 60000 WHERE order_id = $id";
            cmd.Parameters.AddWithValue("$id", orderId);
            Assert.Equal(1, await cmd.ExecuteNonQueryAsync());
        }
        SqliteConnection.ClearAllPools();

        // The restarted bridge finds the job on store-2's printer: printed once, money captured, nothing submitted again
        // (asking store-1's printer would find nothing and print the order a second time).
        await using var after = await BridgeInstance.StartAsync(_pki, _folder, database, key, settings, issuance, payments: payments);
        var final = await Wire.WaitForFinalAsync(after.Client(_pki.OtherDevice), orderId, TimeSpan.FromSeconds(20));
        Assert.Equal("printed", final.Str("state"));
        Assert.Single(two.SpoolPdfs());
        Assert.Empty(one.SpoolPdfs());
        Assert.Empty(issuance.Issued);
        Assert.Contains("pay-" + orderId, payments.Captured);
    }

    [Fact]
    public async Task Recovery_asks_the_printer_the_order_went_to_even_after_its_store_moved_to_another()
    {
        using var one = IppEvePrinter.Start(fixture.Bus);
        using var two = IppEvePrinter.Start(fixture.Bus);
        var database = DatabaseChoice.SqliteIn(Path.Combine(_folder, "db3"));
        var key = BridgeInstance.NewDeploymentKey();
        var settings = TwoStores(one, two);
        settings["Bridge:Timing:RecoveryGrace"] = "00:00:01";
        var payments = new FakePayments { AutoAuthorise = false };
        var issuance = new FakeIssuanceBackend();
        issuance.AddResident(_pki.SecondCard, "resident-2");

        string orderId, sessionId;
        await using (var before = await BridgeInstance.StartAsync(_pki, _folder, database, key, settings, issuance, payments: payments))
        {
            var store2 = before.Client(_pki.OtherDevice);
            sessionId = await Wire.OpenAuthenticatedAsync(store2, _pki.SecondCard);
            orderId = (await Wire.OrderAsync(store2, sessionId, Guid.NewGuid().ToString())).Str("orderId");
        }

        // The bridge sent the order to store-2's printer, which finished the job; the bridge died before recording the job id.
        payments.Authorised["pay-" + orderId] = 0;
        using (var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan })
        {
            var printer2 = new IppPrinter(http, new IppPrinterOptions { PrinterUri = two.Uri });
            var handle = await printer2.SubmitAsync(new PrintJob(orderId, sessionId, "serial", "doc-" + orderId, "%PDF-1.7 test"u8.ToArray(), 1), default);
            var until = DateTime.UtcNow.AddSeconds(10);
            while (await printer2.GetJobStateAsync(handle, default) != PrintJobState.Completed && DateTime.UtcNow < until) await Task.Delay(50);
        }
        await using (var c = new SqliteConnection(database.ConnectionString))
        {
            await c.OpenAsync();
            await using var cmd = c.CreateCommand();
            cmd.CommandText = """
                UPDATE orders SET state = 'printing', printer_id = 'printer-2', version = version + 1, updated_at = updated_at - 60000
                WHERE order_id = $id
                """;
            cmd.Parameters.AddWithValue("$id", orderId);
            Assert.Equal(1, await cmd.ExecuteNonQueryAsync());
        }
        SqliteConnection.ClearAllPools();

        // Restarted with store-2 moved to printer-1 (printer-2 now serves another store): the job is looked for where the order
        // went, found completed, and nothing is printed again on the store's new printer.
        settings["Printing:Printers:0:Stores:1"] = "store-2";
        settings["Printing:Printers:1:Stores:0"] = "store-3";
        await using var after = await BridgeInstance.StartAsync(_pki, _folder, database, key, settings, issuance, payments: payments);
        var final = await Wire.WaitForFinalAsync(after.Client(_pki.OtherDevice), orderId, TimeSpan.FromSeconds(20));
        Assert.Equal("printed", final.Str("state"));
        Assert.Single(two.SpoolPdfs());
        Assert.Empty(one.SpoolPdfs());
        Assert.Empty(issuance.Issued);
        Assert.Contains("pay-" + orderId, payments.Captured);
    }

    [Fact]
    public async Task Readyz_asks_the_printers_at_most_once_per_max_age()
    {
        var one = IppEvePrinter.Start(fixture.Bus);
        using var two = IppEvePrinter.Start(fixture.Bus);
        var settings = TwoStores(one, two);
        settings["Bridge:Timing:PrinterStateMaxAge"] = "00:00:02";
        await using var bridge = await BridgeInstance.StartAsync(_pki, _folder, DatabaseChoice.SqliteIn(Path.Combine(_folder, "db5")),
            BridgeInstance.NewDeploymentKey(), settings);
        async Task<(string State, string CheckedAt)> PrinterOneAsync()
        {
            using var json = System.Text.Json.JsonDocument.Parse(await bridge.OpsClient().GetStringAsync("/readyz"));
            var p = json.RootElement.GetProperty("printers").EnumerateArray().Single(e => e.GetProperty("id").GetString() == "printer-1");
            return (p.GetProperty("state").GetString()!, p.GetProperty("checkedAt").GetString()!);
        }

        var first = await PrinterOneAsync();
        Assert.Equal("ok", first.State);
        one.Dispose();
        // Within the maximum age the answer is reused: the printer is not asked again.
        Assert.Equal(first, await PrinterOneAsync());
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        var later = await PrinterOneAsync();
        Assert.Equal("offline", later.State);   // what the IPP client reports for a printer that does not answer
        Assert.True(DateTimeOffset.Parse(later.CheckedAt) > DateTimeOffset.Parse(first.CheckedAt));
    }

    [Fact]
    public async Task An_order_records_the_printer_its_job_went_to()
    {
        using var one = IppEvePrinter.Start(fixture.Bus);
        using var two = IppEvePrinter.Start(fixture.Bus);
        var database = DatabaseChoice.SqliteIn(Path.Combine(_folder, "db4"));
        var issuance = new FakeIssuanceBackend();
        issuance.AddResident(_pki.SecondCard, "resident-2");
        await using var bridge = await BridgeInstance.StartAsync(_pki, _folder, database, BridgeInstance.NewDeploymentKey(), TwoStores(one, two),
            issuance);
        var orderId = await PlaceAsync(bridge.Client(_pki.OtherDevice), _pki.SecondCard);
        Assert.Equal("printed", (await Wire.WaitForFinalAsync(bridge.Client(_pki.OtherDevice), orderId, TimeSpan.FromSeconds(20))).Str("state"));
        var row = await bridge.Get<Kiosk.HostBridge.Orders.OrderStore>().GetAsync(orderId, CancellationToken.None);
        Assert.Equal("printer-2", row!.PrinterId);
    }
}

/// <summary>A store without a printer is refused at order creation, before any order row or payment exists.</summary>
public sealed class NoPrinterForStoreTests : IAsyncLifetime
{
    private readonly TestPki _pki = TestPki.Shared;
    private readonly TempFolder _temp = new("kiosk-no-printer-", Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools);
    private string _folder => _temp.Path;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        _temp.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task An_order_from_a_store_without_a_printer_is_refused_before_money_is_taken()
    {
        var paper = Path.Combine(_folder, "store-1-paper");
        await using var bridge = await BridgeInstance.StartAsync(_pki, _folder, DatabaseChoice.SqliteIn(_folder), BridgeInstance.NewDeploymentKey(),
            new Dictionary<string, string?>
            {
                ["Printing:Printers:0:Id"] = "store-1-printer", ["Printing:Printers:0:Kind"] = "folder", ["Printing:Printers:0:Folder"] = paper,
                ["Printing:Printers:0:Stores:0"] = "store-1",
            });
        bridge.Issuance.AddResident(_pki.Card, "resident-1");
        bridge.Issuance.AddResident(_pki.SecondCard, "resident-2");
        var store2 = bridge.Client(_pki.OtherDevice);
        var sid = await Wire.OpenAuthenticatedAsync(store2, _pki.SecondCard);

        var refused = await Wire.OrderAsync(store2, sid, Guid.NewGuid().ToString());

        Wire.AssertProblem(refused, HttpStatusCode.ServiceUnavailable, "printer-unavailable");
        Assert.StartsWith("no-printer-for-store: store store-2", refused.Json.GetProperty("detail").GetString());
        Assert.Empty(bridge.Payments.Created);
        Assert.Equal(0, await bridge.Get<Orders.OrderStore>().CountAsync(default));

        // Store-1 has its printer: its order prints there (not on the default printer).
        var store1 = bridge.Client(_pki.Device);
        var sid1 = await Wire.OpenAuthenticatedAsync(store1, _pki.Card);
        var id = (await Wire.OrderAsync(store1, sid1, Guid.NewGuid().ToString())).Str("orderId");
        Assert.Equal("printed", (await Wire.WaitForFinalAsync(store1, id, TimeSpan.FromSeconds(15))).Str("state"));
        Assert.True(File.Exists(Path.Combine(paper, id + ".pdf")));
        Assert.Empty(bridge.Printer.Jobs);
    }

    [Fact]
    public async Task A_bad_printer_directory_stops_the_bridge_at_start_with_the_reason()
    {
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => BridgeInstance.StartAsync(_pki, _folder, DatabaseChoice.SqliteIn(_folder),
            BridgeInstance.NewDeploymentKey(), new Dictionary<string, string?>
            {
                ["Printing:Printers:0:Id"] = "p", ["Printing:Printers:0:Kind"] = "ipp", ["Printing:Printers:0:Stores:0"] = "store-1",
            }));

        Assert.Contains("Printing:Printers:0 (p): Kind ipp needs Uri", e.Message);
    }
}
