using System.Net;
using Dapper;
using Kiosk.HostBridge.Storage;
using Kiosk.HostBridge.Tests.Support;

namespace Kiosk.HostBridge.Tests;

/// <summary>Bad input on every endpoint: 4xx problem+json with a clear code, nothing stored, the sent values never logged.</summary>
public sealed class BadInputTests(BridgeFixture fixture) : IClassFixture<BridgeFixture>
{
    // Stands in for anything personal a broken or hostile terminal might send; it must never reach a log or a table.
    private const string Marker = "MARKER-123456789012";

    private BridgeInstance Bridge => fixture.Bridge;

    public static TheoryData<string, string> Bodies => new()
    {
        { "malformed", "{\"product\": \"" + Marker },
        { "not-an-object", "[\"" + Marker + "\"]" },
        { "unknown-field", "{\"" + Marker + "\": 1}" },
        { "wrong-type", "{\"certificate\": 12, \"signature\": [\"" + Marker + "\"], \"product\": 3, \"copies\": \"" + Marker + "\", \"firmwareVersion\": true}" },
        { "null-required", "{\"certificate\": null, \"signature\": null, \"product\": null, \"copies\": null, \"firmwareVersion\": null}" },
        { "duplicate-field", "{\"copies\": 1, \"copies\": 2, \"product\": \"" + Marker + "\"}" },
        { "deep", "{\"options\": [[[[[\"" + Marker + "\"]]]]]}" },
    };

    private async Task<(long Rows, string Logs)> SnapshotAsync()
    {
        await using var c = await Bridge.Get<IDatabase>().OpenAsync(CancellationToken.None);
        // Audit appends wait in audit_pending until the sealer chains them: both count, so sealing between snapshots changes nothing.
        var rows = await c.ExecuteScalarAsync<long>("""
            SELECT (SELECT COUNT(*) FROM sessions) + (SELECT COUNT(*) FROM orders) + (SELECT COUNT(*) FROM device_heartbeats)
                + (SELECT COUNT(*) FROM audit) + (SELECT COUNT(*) FROM audit_pending)
            """);
        return (rows, Bridge.AllLogs);
    }

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task Every_body_endpoint_refuses_bad_json(string kind, string body)
    {
        var client = Bridge.Client(fixture.Pki.Device);
        var other = Bridge.Client(fixture.Pki.OtherDevice);
        var sid = await Wire.OpenAuthenticatedAsync(other, fixture.Pki.Card);
        var orderId = (await Wire.OrderAsync(other, sid, Guid.NewGuid().ToString())).Str("orderId");
        await Wire.WaitForFinalAsync(other, orderId);
        var (open, _) = await Wire.OpenAsync(client);
        var before = await SnapshotAsync();

        var calls = new (HttpClient Client, string Path, string? Key)[]
        {
            (client, "/v1/sessions/" + open + "/authenticate", null),
            (other, "/v1/sessions/" + sid + "/orders", Guid.NewGuid().ToString()),
            (other, "/v1/orders/" + orderId + "/cancel", null),
            (client, "/v1/heartbeat", null),
        };
        foreach (var (c, path, key) in calls)
        {
            var r = await Wire.SendAsync(c, HttpMethod.Post, path, body, idempotencyKey: key);
            Wire.AssertProblem(r, HttpStatusCode.BadRequest, "bad-request");
            Assert.True(r.Json.TryGetProperty("detail", out var detail) && detail.GetString()!.Contains("not valid"), kind + " on " + path + ": " + r.Text);
            Assert.DoesNotContain(Marker, r.Text);
        }
        // POST /v1/sessions takes only an empty object.
        Wire.AssertProblem(await Wire.PostAsync(client, "/v1/sessions", body), HttpStatusCode.BadRequest, "bad-request");

        var after = await SnapshotAsync();
        Assert.Equal(before.Rows, after.Rows);
        Assert.DoesNotContain(Marker, after.Logs);
    }

    [Fact]
    public async Task Huge_bodies_are_refused_on_every_endpoint()
    {
        var client = Bridge.Client(fixture.Pki.Device);
        var sid = await Wire.OpenAuthenticatedAsync(client, fixture.Pki.Card);
        var huge = "{\"product\":\"" + new string('x', 64 * 1024) + Marker + "\"}";
        var before = await SnapshotAsync();
        foreach (var path in new[] { "/v1/sessions", "/v1/sessions/" + sid + "/authenticate", "/v1/sessions/" + sid + "/orders",
                     "/v1/orders/0123456789abcdef0123456789abcdef/cancel", "/v1/heartbeat" })
        {
            var r = await Wire.SendAsync(client, HttpMethod.Post, path, huge, idempotencyKey: Guid.NewGuid().ToString());
            Wire.AssertProblem(r, HttpStatusCode.RequestEntityTooLarge, "payload-too-large");
        }
        // Without a Content-Length (chunked), the limit still holds while reading.
        using var chunked = new HttpRequestMessage(HttpMethod.Post, "/v1/heartbeat")
        {
            Content = new PushStreamContentLike(System.Text.Encoding.UTF8.GetBytes(huge)),
        };
        chunked.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        var response = await client.SendAsync(chunked);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var after = await SnapshotAsync();
        Assert.Equal(before.Rows, after.Rows);
        Assert.DoesNotContain(Marker, after.Logs);
    }

    [Fact]
    public async Task Wrong_content_type_missing_key_and_bad_ids_are_refused()
    {
        var client = Bridge.Client(fixture.Pki.Device);
        var sid = await Wire.OpenAuthenticatedAsync(client, fixture.Pki.Card);
        Wire.AssertProblem(await Wire.SendAsync(client, HttpMethod.Post, "/v1/sessions/" + sid + "/orders", Wire.OrderBody, "text/plain",
            Guid.NewGuid().ToString()), HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
        Wire.AssertProblem(await Wire.SendAsync(client, HttpMethod.Post, "/v1/sessions/" + sid + "/orders", Wire.OrderBody),
            HttpStatusCode.BadRequest, "bad-request");
        Wire.AssertProblem(await Wire.SendAsync(client, HttpMethod.Post, "/v1/sessions/" + sid + "/orders", Wire.OrderBody, idempotencyKey: Marker),
            HttpStatusCode.BadRequest, "bad-request");
        Wire.AssertProblem(await Wire.GetAsync(client, "/v1/sessions/not-a-session/products"), HttpStatusCode.NotFound, "session-not-found");
        Wire.AssertProblem(await Wire.GetAsync(client, "/v1/orders/not-an-order"), HttpStatusCode.NotFound, "order-not-found");
        Wire.AssertProblem(await Wire.GetAsync(client, "/v1/orders/0123456789abcdef0123456789abcdef"), HttpStatusCode.NotFound, "order-not-found");
        Wire.AssertProblem(await Wire.SendAsync(client, HttpMethod.Delete, "/v1/sessions/ABCDEF0123456789ABCDEF0123456789"), HttpStatusCode.NotFound, "session-not-found");
        Wire.AssertProblem(await Wire.GetAsync(client, "/v1/nothing-here"), HttpStatusCode.NotFound, "not-found");
        Wire.AssertProblem(await Wire.GetAsync(client, "/v1/heartbeat"), HttpStatusCode.MethodNotAllowed, "method-not-allowed");
        var heartbeat = """{"firmwareVersion":"1.0.0","appVersion":"1.0.0","freeHeap":-1,"largestFreeBlock":10,"readerState":"ok","printerState":"ok","uptimeSeconds":5,"state":"idle"}""";
        Wire.AssertProblem(await Wire.PostAsync(client, "/v1/heartbeat", heartbeat), HttpStatusCode.BadRequest, "bad-request");
        var freeText = heartbeat.Replace("\"idle\"", "\"Taro Yamada 1-2-3\"").Replace("-1", "100");
        Wire.AssertProblem(await Wire.PostAsync(client, "/v1/heartbeat", freeText), HttpStatusCode.BadRequest, "bad-request");
        Assert.DoesNotContain(Marker, Bridge.AllLogs);
    }

    [Fact]
    public async Task A_good_heartbeat_is_stored_and_answered_with_the_server_time()
    {
        var client = Bridge.Client(fixture.Pki.Device);
        var r = await Wire.PostAsync(client, "/v1/heartbeat",
            """{"firmwareVersion":"1.2.3","appVersion":"0.9.1","freeHeap":81234,"largestFreeBlock":40000,"readerState":"ready","printerState":"ready","uptimeSeconds":3600,"state":"idle"}""");
        Assert.Equal(HttpStatusCode.OK, r.Status);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", r.Str("serverTime"));
        var stored = await Bridge.Get<Devices.HeartbeatStore>().LatestAsync("term-a", CancellationToken.None);
        Assert.NotNull(stored);
        Assert.Equal("1.2.3", stored["firmware_version"]);
        Assert.Equal(81234L, Convert.ToInt64(stored["free_heap"]));
    }

    /// <summary>Content without a length, so the client sends it chunked.</summary>
    private sealed class PushStreamContentLike(byte[] bytes) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(bytes).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }

    }
}
