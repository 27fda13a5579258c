using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Kiosk.EndToEnd.Tests.Fuzz.Endpoints;

/// <summary>Inputs the endpoint fuzzers found answered with 500, replayed: each must now be a clear refusal.</summary>
public sealed class FormBodyRegressionTests : IAsyncLifetime
{
    private InProcessBridge _bridge = null!;

    public async Task InitializeAsync() => _bridge = await InProcessBridge.StartAsync();

    public async Task DisposeAsync() => await _bridge.DisposeAsync();

    private async Task<string> TokenAsync()
    {
        var r = await _bridge.Client(Door.Fleet).PostAsJsonAsync("/fleet/api/login", new { username = InProcessBridge.RootUser, password = InProcessBridge.RootPassword });
        return (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }

    [Theory]
    [InlineData("/fleet/login", "text/plain", "")]
    [InlineData("/fleet/login", "application/json; charset=utf-16", "username=zzz")]
    [InlineData("/fleet/stores", "application/json", "{}")]
    [InlineData("/fleet/tokens", "text/plain", "storeId=store-1")]
    [InlineData("/fleet/revoke", "text/plain", "deviceId=x")]
    [InlineData("/fleet/renew", "text/plain", "deviceId=x")]
    [InlineData("/fleet/rollouts/create", "application/octet-stream", "bundleId=b1")]
    public async Task A_console_post_that_is_not_a_form_is_refused_with_415(string path, string contentType, string body)
    {
        using var client = _bridge.Client(Door.Fleet);
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        request.Headers.Add("Cookie", "kiosk_admin=" + await TokenAsync());
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Contains("form", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, _bridge.Logs.ErrorCount);
    }

    [Theory]
    [InlineData("/fleet/api/bundles", "application/problem+json")]
    [InlineData("/fleet/rollouts/bundles", "text/html")]
    public async Task A_broken_multipart_upload_is_refused_with_400_not_500(string path, string refusalType)
    {
        using var client = _bridge.Client(Door.Fleet);
        // Bytes that start no part: the multipart reader runs off the end of the stream (an IOException before the fix).
        var body = Convert.FromHexString("C88AC1EC91528E61560B3353D5A2772D3D5C101311C927912A0FD7E4F3128033ED87FD581C61C6C7C8D19987BFA7CCDD168CCD86591ED7FF6330C2827AAA6D438AFF654EA41E10DC96494B3F309FD28342FACE6744FAD9CEAFFEF5EC");
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=fuzz-boundary-763");
        var token = await TokenAsync();
        if (path.StartsWith("/fleet/api", StringComparison.Ordinal)) request.Headers.Authorization = new("Bearer", token);
        else request.Headers.Add("Cookie", "kiosk_admin=" + token);
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(refusalType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, _bridge.Logs.ErrorCount);
    }
}
