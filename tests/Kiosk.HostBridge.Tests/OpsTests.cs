using System.Net;
using Kiosk.HostBridge.Tests.Support;

namespace Kiosk.HostBridge.Tests;

/// <summary>Health, readiness and Prometheus metrics on the plain ops port.</summary>
public sealed class OpsTests(BridgeFixture fixture) : IClassFixture<BridgeFixture>
{
    [Fact]
    public async Task Health_readiness_and_metrics_reflect_real_activity()
    {
        var ops = fixture.Bridge.OpsClient();
        Assert.Equal("{\"status\":\"ok\"}", await ops.GetStringAsync("/healthz"));
        var ready = await ops.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Contains("\"crl\":\"ok\"", await ready.Content.ReadAsStringAsync());

        var client = fixture.Bridge.Client(fixture.Pki.Device);
        var sid = await Wire.OpenAuthenticatedAsync(client, fixture.Pki.Card);
        var orderId = (await Wire.OrderAsync(client, sid, Guid.NewGuid().ToString())).Str("orderId");
        Assert.Equal("printed", (await Wire.WaitForFinalAsync(client, orderId)).Str("state"));
        var (bad, badChallenge) = await Wire.OpenAsync(client);
        await Wire.PostAsync(client, "/v1/sessions/" + bad + "/authenticate", Wire.AuthBody(fixture.Pki.Card, fixture.Pki.SecondCard.Sign(badChallenge)));
        await Assert.ThrowsAsync<HttpRequestException>(() => fixture.Bridge.Client(fixture.Pki.RogueDevice).GetAsync("/v1/orders/x"));

        var response = await ops.GetAsync("/metrics");
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("# TYPE kiosk_sessions_opened_total counter", text);
        Assert.Matches(@"kiosk_sessions_opened_total [1-9]\d*", text);
        Assert.Matches(@"kiosk_authentications_total\{outcome=""signature-invalid""\} [1-9]", text);
        Assert.Matches(@"kiosk_issuances_total\{state=""printed""\} [1-9]", text);
        Assert.Matches(@"kiosk_failures_total\{cause=""signature-invalid""\} [1-9]", text);
        Assert.Matches(@"kiosk_device_refusals_total\{reason=""untrusted""\} [1-9]", text);
        Assert.Matches(@"kiosk_request_duration_seconds_bucket\{route=""/v1/sessions"",status=""201"",le=""\+Inf""\} [1-9]", text);
        Assert.Contains("kiosk_order_duration_seconds_count", text);
        // Every sample line is "name{labels} value" with a numeric value.
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith('#')))
            Assert.Matches(@"^[a-z_]+(\{([a-z_]+=""[^""]*"",?)+\})? [0-9.eE+-]+$", line);
    }
}
