using Kiosk.TestSupport;
using System.Net;
using System.Text;
using Dapper;
using Kiosk.Hardware.Emulator.Profiles;
using Kiosk.HostBridge.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Kiosk.EndToEnd.Tests.Security;

/// <summary>
/// Runs real bridge transactions (Kestrel, mutual TLS, SQLite) where the municipality's resident reference IS a valid My
/// Number, then scans every log line (with exception text), every response, every row of every table and the raw database
/// files. The terminal side (screens, core log lines, wire bytes) is scanned by Kiosk.Firmware.Core.Tests PinLeakTests.
/// </summary>
public sealed class BridgeTransactionLeakTests : IAsyncLifetime
{
    private readonly TempFolder _temp = new("kiosk-leak-", Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools);
    private string _folder => _temp.Path;
    private readonly string _myNumber = WithCheckDigit("31415926535");
    private readonly string _otherMyNumber = WithCheckDigit("27182818284");
    private BridgeInstance _bridge = null!;

    private static string WithCheckDigit(string first11) => first11 + MyNumberCheckDigit.Compute(first11);

    public async Task InitializeAsync()
    {
        _bridge = await BridgeInstance.StartAsync(TestPki.Shared, _folder, DatabaseChoice.SqliteIn(_folder), BridgeInstance.NewDeploymentKey());
        _bridge.Issuance.AddResident(TestPki.Shared.Card, _myNumber);
        _bridge.Issuance.AddResident(TestPki.Shared.SecondCard, _otherMyNumber);
    }

    public async Task DisposeAsync()
    {
        await _bridge.DisposeAsync();
        _temp.Dispose();
    }

    [Fact]
    public async Task Logs_exceptions_responses_and_every_table_row_hold_no_my_number()
    {
        var pki = TestPki.Shared;
        var responses = new StringBuilder();
        var client = _bridge.Client(pki.Device);
        var other = _bridge.Client(pki.OtherDevice);

        // A full paid transaction.
        var sid = await Wire.OpenAuthenticatedAsync(client, pki.Card);
        responses.AppendLine((await Wire.GetAsync(client, "/v1/sessions/" + sid + "/products")).Text);
        var order = await Wire.OrderAsync(client, sid, Guid.NewGuid().ToString());
        responses.AppendLine(order.Text);
        Assert.Equal(HttpStatusCode.Created, order.Status);
        var final = await Wire.WaitForFinalAsync(client, order.Str("orderId"));
        responses.AppendLine(final.Text);
        Assert.Equal("printed", final.Str("state"));
        responses.AppendLine((await Wire.SendAsync(client, HttpMethod.Delete, "/v1/sessions/" + sid)).Text);

        // Refusals and errors, so warning and exception paths are logged too.
        var (sid2, challenge2) = await Wire.OpenAsync(other);
        responses.AppendLine((await Wire.PostAsync(other, "/v1/sessions/" + sid2 + "/authenticate", Wire.AuthBody(pki.SecondCard, pki.Card.Sign(challenge2)))).Text);
        responses.AppendLine((await Wire.PostAsync(other, "/v1/sessions/" + sid2 + "/authenticate", "{\"certificate\":\"!!\"")).Text);
        var sid3 = await Wire.OpenAuthenticatedAsync(other, pki.SecondCard);
        responses.AppendLine((await Wire.OrderAsync(other, sid3, Guid.NewGuid().ToString(), """{"product":"inkan","options":[],"members":[],"copies":1,"year":null}""")).Text);
        responses.AppendLine((await Wire.GetAsync(other, "/v1/orders/nope")).Text);

        var planted = new[] { _myNumber, _otherMyNumber };
        var findings = new List<string>();
        findings.AddRange(SensitiveDataScanner.Scan("bridge log", _bridge.AllLogs, planted));
        findings.AddRange(SensitiveDataScanner.Scan("responses", responses.ToString(), planted));
        findings.AddRange(await ScanTablesAsync(planted));
        SqliteConnection.ClearAllPools();
        foreach (var file in Directory.EnumerateFiles(_folder, "*", SearchOption.AllDirectories).Where(p => p.Contains(".db", StringComparison.Ordinal)))
            findings.AddRange(SensitiveDataScanner.Planted(Path.GetFileName(file) + " (raw bytes)", Encoding.Latin1.GetString(File.ReadAllBytes(file)), planted));
        Assert.True(findings.Count == 0, string.Join("\n", findings));

        // The run did log and store things, so the scan had something to read.
        Assert.Contains("authenticated", _bridge.AllLogs, StringComparison.Ordinal);
        Assert.Contains("refused", _bridge.AllLogs, StringComparison.Ordinal);
    }

    private async Task<List<string>> ScanTablesAsync(string[] planted)
    {
        var findings = new List<string>();
        await using var c = new SqliteConnection("Data Source=" + Path.Combine(_folder, "bridge.db"));
        await c.OpenAsync();
        var tables = (await c.QueryAsync<string>("SELECT name FROM sqlite_master WHERE type = 'table'")).ToList();
        Assert.Contains("sessions", tables);
        Assert.Contains("audit", tables);
        var rows = 0;
        foreach (var table in tables)
        {
            foreach (IDictionary<string, object?> row in await c.QueryAsync("SELECT * FROM \"" + table + "\""))
            {
                rows++;
                var text = string.Join("|", row.Values.Select(v => v is byte[] b ? Encoding.Latin1.GetString(b) : Convert.ToString(v)));
                findings.AddRange(SensitiveDataScanner.Scan("table " + table, text, planted));
            }
        }
        Assert.True(rows > 5, "expected the transaction to leave rows, found " + rows);
        return findings;
    }
}
