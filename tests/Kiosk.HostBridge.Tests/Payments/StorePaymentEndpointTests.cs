using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kiosk.HostBridge.Payments;
using Kiosk.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Kiosk.HostBridge.Tests.PaymentsTests;

/// <summary>The store POS endpoint on a real Kestrel, wired exactly as the bridge wires it (AddKioskPayments + MapStorePaymentEndpoints).</summary>
public sealed class StorePaymentEndpointTests : IAsyncLifetime
{
    private const string Key = "store-key-for-tests-only";
    private readonly TempFolder dir = TempFolder.Created("kiosk-pos-", Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools);
    private WebApplication app = null!;
    private HttpClient http = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Payments:Mode"] = "register",
            ["Payments:Database:Provider"] = "sqlite",
            ["Payments:Database:ConnectionString"] = "Data Source=" + Path.Combine(dir.Path, "p.db") + ";Pooling=False",
            ["Payments:StoreApiKeys:store-7"] = Key,
            ["Payments:CodeLifetime"] = "00:10:00",
        });
        builder.Services.AddKioskPayments(builder.Configuration);
        app = builder.Build();
        app.MapStorePaymentEndpoints();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        http = new HttpClient { BaseAddress = new Uri(address) };
    }

    public async Task DisposeAsync()
    {
        http.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
        dir.Dispose();
    }

    private Task<HttpResponseMessage> ConfirmAsync(string code, int yen, string? key = Key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/store/payments/" + code + "/confirm") { Content = JsonContent.Create(new { amountYen = yen }) };
        if (key is not null)
        {
            request.Headers.Add(StorePaymentEndpoints.ApiKeyHeader, key);
        }
        return http.SendAsync(request);
    }

    private static async Task<string> CodeOf(HttpResponseMessage r)
    {
        using var doc = JsonDocument.Parse(await r.Content.ReadAsStringAsync());
        Assert.Equal("application/problem+json", r.Content.Headers.ContentType!.MediaType);
        return doc.RootElement.GetProperty("code").GetString()!;
    }

    [Fact]
    public async Task PosConfirmsWithItsKeyAndTheTerminalSeesItAuthorised()
    {
        var provider = app.Services.GetRequiredService<IPaymentProvider>();
        var intent = await provider.CreateAsync("order-pos-1", 300, default);

        using var noKey = await ConfirmAsync(intent.PaymentCode!, 300, key: null);
        using var wrongKey = await ConfirmAsync(intent.PaymentCode!, 300, key: "guess");
        Assert.Equal(HttpStatusCode.Unauthorized, noKey.StatusCode);
        Assert.Equal("unauthenticated-store", await CodeOf(wrongKey));
        Assert.False(await provider.IsAuthorisedAsync(intent.PaymentId, default));

        using var wrongAmount = await ConfirmAsync(intent.PaymentCode!, 200);
        Assert.Equal(HttpStatusCode.Conflict, wrongAmount.StatusCode);
        Assert.Equal("amount-mismatch", await CodeOf(wrongAmount));

        using var ok = await ConfirmAsync(intent.PaymentCode!, 300);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        using var body = JsonDocument.Parse(await ok.Content.ReadAsStringAsync());
        Assert.Equal("authorised", body.RootElement.GetProperty("state").GetString());
        Assert.Equal(intent.PaymentCode, body.RootElement.GetProperty("code").GetString());
        Assert.True(await provider.IsAuthorisedAsync(intent.PaymentId, default));

        // After a failed print the POS sees the void and hands the money back.
        await provider.VoidOrRefundAsync(intent.PaymentId, "printer-unavailable", default);
        using var look = new HttpRequestMessage(HttpMethod.Get, "/v1/store/payments/" + intent.PaymentCode);
        look.Headers.Add(StorePaymentEndpoints.ApiKeyHeader, Key);
        using var seen = await http.SendAsync(look);
        using var seenBody = JsonDocument.Parse(await seen.Content.ReadAsStringAsync());
        Assert.Equal("voided", seenBody.RootElement.GetProperty("state").GetString());
    }

    [Fact]
    public async Task UnknownOrMalformedCodesAreClearProblems()
    {
        using var unknown = await ConfirmAsync("0000-0000-0000", 300);
        using var malformed = await ConfirmAsync("12ab", 300);

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("payment-code-not-found", await CodeOf(unknown));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal("bad-request", await CodeOf(malformed));
    }
}
