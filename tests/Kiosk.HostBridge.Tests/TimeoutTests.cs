using Kiosk.TestSupport;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Kiosk.HostBridge.Tests.Support;

namespace Kiosk.HostBridge.Tests;

/// <summary>A timeout anywhere aborts the whole session and its order (the 2023 Yokohama failure was a partial abort).</summary>
public sealed class TimeoutTests : IAsyncLifetime
{
    private readonly TestPki _pki = TestPki.Shared;
    private readonly TempFolder _temp = new("kiosk-bridge-timeout-", Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools);
    private string _folder => _temp.Path;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        _temp.Dispose();
        return Task.CompletedTask;
    }

    private async Task<BridgeInstance> StartAsync(Dictionary<string, string?> settings)
    {
        var bridge = await BridgeInstance.StartAsync(_pki, _folder, DatabaseChoice.SqliteIn(Path.Combine(_folder, Guid.NewGuid().ToString("N")[..6])),
            BridgeInstance.NewDeploymentKey(), settings);
        bridge.Issuance.AddResident(_pki.Card, "resident-1");
        return bridge;
    }

    [Fact]
    public async Task Order_after_session_expiry_is_refused()
    {
        await using var bridge = await StartAsync(new() { ["Bridge:Timing:SessionIdle"] = "00:00:01" });
        var client = bridge.Client(_pki.Device);
        var sid = await Wire.OpenAuthenticatedAsync(client, _pki.Card);
        await Task.Delay(1500);
        Wire.AssertProblem(await Wire.OrderAsync(client, sid, Guid.NewGuid().ToString()), HttpStatusCode.Gone, "session-expired");
        Wire.AssertProblem(await Wire.GetAsync(client, "/v1/sessions/" + sid + "/products"), HttpStatusCode.Gone, "session-expired");
        Assert.Equal(0, await bridge.Get<Orders.OrderStore>().CountAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Slow_issuance_times_out_and_aborts_order_and_session_without_printing()
    {
        await using var bridge = await StartAsync(new() { ["Bridge:Timing:OrderDeadline"] = "00:00:01" });
        bridge.Issuance.IssueDelay = TimeSpan.FromSeconds(3);
        var client = bridge.Client(_pki.Device);
        var sid = await Wire.OpenAuthenticatedAsync(client, _pki.Card);
        var orderId = (await Wire.OrderAsync(client, sid, Guid.NewGuid().ToString())).Str("orderId");
        var final = await Wire.WaitForFinalAsync(client, orderId, TimeSpan.FromSeconds(10));
        Assert.Equal("failed", final.Str("state"));
        Assert.Equal("timeout", final.Str("reason"));
        Assert.Empty(bridge.Printer.Jobs);
        Assert.Contains("pay-" + orderId, bridge.Payments.Voided);
        Wire.AssertProblem(await Wire.GetAsync(client, "/v1/sessions/" + sid + "/products"), HttpStatusCode.Gone, "session-expired");
        // The issuance that finally answers after the abort must not print either.
        await Task.Delay(2500);
        Assert.Empty(bridge.Printer.Jobs);
    }

    [Fact]
    public async Task A_print_job_that_never_finishes_is_cancelled_and_refunded_at_the_deadline()
    {
        await using var bridge = await StartAsync(new() { ["Bridge:Timing:OrderDeadline"] = "00:00:01.500" });
        bridge.Printer.HoldJobs = true;
        var client = bridge.Client(_pki.Device);
        var sid = await Wire.OpenAuthenticatedAsync(client, _pki.Card);
        var orderId = (await Wire.OrderAsync(client, sid, Guid.NewGuid().ToString())).Str("orderId");
        var final = await Wire.WaitForFinalAsync(client, orderId, TimeSpan.FromSeconds(10));
        Assert.Equal("refunded", final.Str("state"));
        Assert.Equal("timeout", final.Str("reason"));
        var job = Assert.Single(bridge.Printer.Jobs);
        Assert.Equal(Kiosk.HostBridge.Printing.PrintJobState.Cancelled, bridge.Printer.States[job.Key]);
        Assert.Contains("pay-" + orderId, bridge.Payments.Voided);
        Wire.AssertProblem(await Wire.GetAsync(client, "/v1/sessions/" + sid + "/products"), HttpStatusCode.Gone, "session-expired");
    }

    [Fact]
    public async Task A_stale_CRL_fails_closed()
    {
        var stale = _pki.JpkiCrl(DateTimeOffset.UtcNow.AddDays(-2), DateTimeOffset.UtcNow.AddDays(-1));
        await using var bridge = await BridgeInstance.StartAsync(_pki, _folder, DatabaseChoice.SqliteIn(Path.Combine(_folder, "stale")),
            BridgeInstance.NewDeploymentKey(), crl: stale);
        bridge.Issuance.AddResident(_pki.Card, "resident-1");
        var client = bridge.Client(_pki.Device);
        var (sid, challenge) = await Wire.OpenAsync(client);
        var r = await Wire.AuthenticateAsync(client, sid, _pki.Card, challenge);
        Wire.AssertProblem(r, HttpStatusCode.ServiceUnavailable, "crl-unavailable");
        Assert.True(r.Json.GetProperty("retryable").GetBoolean());
        var ready = await bridge.OpsClient().GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
    }

    [Fact]
    public async Task A_CRL_fetched_from_a_URL_is_used_and_its_revocations_apply()
    {
        var crl = _pki.JpkiCrl(DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddHours(1));
        var crlServer = Microsoft.AspNetCore.Builder.WebApplication.CreateBuilder();
        crlServer.WebHost.UseUrls("http://127.0.0.1:0");
        await using var crlApp = crlServer.Build();
        var fetched = 0;
        crlApp.MapGet("/jpki.crl", () =>
        {
            Interlocked.Increment(ref fetched);
            return Microsoft.AspNetCore.Http.Results.Bytes(crl, "application/pkix-crl");
        });
        await crlApp.StartAsync();
        var url = crlApp.Urls.Single() + "/jpki.crl";
        await using var bridge = await StartAsync(new() { ["Bridge:Jpki:Crls:0"] = url });
        bridge.Issuance.AddResident(_pki.RevokedCard, "resident-4");
        var client = bridge.Client(_pki.Device);
        await Wire.OpenAuthenticatedAsync(client, _pki.Card);
        var (sid, challenge) = await Wire.OpenAsync(client);
        Wire.AssertProblem(await Wire.AuthenticateAsync(client, sid, _pki.RevokedCard, challenge), HttpStatusCode.Unauthorized, "certificate-revoked");
        Assert.True(fetched >= 1);
        Assert.Equal(HttpStatusCode.OK, (await bridge.OpsClient().GetAsync("/readyz")).StatusCode);
        await crlApp.StopAsync();
    }
}
