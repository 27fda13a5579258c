using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Kiosk.HostBridge.Tests.Support;

/// <summary>A response as the tests read it: status, content type and parsed JSON (if any).</summary>
public sealed record WireResponse(HttpStatusCode Status, string? ContentType, JsonElement Json, string Text)
{
    public string Str(string name) => Json.GetProperty(name).GetString()!;
    public string? Code => Json.ValueKind == JsonValueKind.Object && Json.TryGetProperty("code", out var c) ? c.GetString() : null;
}

/// <summary>Protocol v1 calls, written the way the terminal sends them.</summary>
public static class Wire
{
    public static async Task<WireResponse> SendAsync(HttpClient client, HttpMethod method, string path, string? body = null,
        string contentType = "application/json", string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var json = text.Length > 0 && text.TrimStart().StartsWith('{') ? JsonDocument.Parse(text).RootElement.Clone() : default;
        return new WireResponse(response.StatusCode, response.Content.Headers.ContentType?.MediaType, json, text);
    }

    public static Task<WireResponse> PostAsync(HttpClient c, string path, string body = "{}") => SendAsync(c, HttpMethod.Post, path, body);

    public static Task<WireResponse> GetAsync(HttpClient c, string path) => SendAsync(c, HttpMethod.Get, path);

    /// <summary>Opens a session; returns its id and challenge bytes.</summary>
    public static async Task<(string SessionId, byte[] Challenge)> OpenAsync(HttpClient c)
    {
        var r = await PostAsync(c, "/v1/sessions");
        Assert.Equal(HttpStatusCode.Created, r.Status);
        return (r.Str("sessionId"), Convert.FromBase64String(r.Str("challenge")));
    }

    public static string AuthBody(TestCard card, byte[] signature)
        => JsonSerializer.Serialize(new { certificate = Convert.ToBase64String(card.Certificate.RawData), signature = Convert.ToBase64String(signature) });

    public static Task<WireResponse> AuthenticateAsync(HttpClient c, string sessionId, TestCard card, byte[] challenge)
        => PostAsync(c, "/v1/sessions/" + sessionId + "/authenticate", AuthBody(card, card.Sign(challenge)));

    /// <summary>Opens and authenticates a session with the card.</summary>
    public static async Task<string> OpenAuthenticatedAsync(HttpClient c, TestCard card)
    {
        var (sid, challenge) = await OpenAsync(c);
        var r = await AuthenticateAsync(c, sid, card, challenge);
        Assert.True(r.Status == HttpStatusCode.OK, r.Text);
        return sid;
    }

    public const string OrderBody = """{"product":"juminhyo","options":["honseki"],"members":["m1"],"copies":1,"year":null}""";

    public static Task<WireResponse> OrderAsync(HttpClient c, string sessionId, string key, string body = OrderBody)
        => SendAsync(c, HttpMethod.Post, "/v1/sessions/" + sessionId + "/orders", body, idempotencyKey: key);

    /// <summary>Polls an order until it reaches a final state (or the timeout), returning the last answer.</summary>
    public static async Task<WireResponse> WaitForFinalAsync(HttpClient c, string orderId, TimeSpan? timeout = null)
    {
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        WireResponse r;
        do
        {
            r = await GetAsync(c, "/v1/orders/" + orderId);
            if (r.Status != HttpStatusCode.OK) return r;
            if (r.Str("state") is "printed" or "failed" or "cancelled" or "refunded") return r;
            await Task.Delay(50);
        } while (DateTime.UtcNow < until);
        return r;
    }

    public static void AssertProblem(WireResponse r, HttpStatusCode status, string code)
    {
        Assert.True(r.Status == status, "expected " + (int)status + " " + code + ", got " + (int)r.Status + " " + r.Text);
        Assert.Equal("application/problem+json", r.ContentType);
        Assert.Equal(code, r.Code);
        Assert.Equal((int)status, r.Json.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(r.Json.GetProperty("title").GetString()));
    }
}
