using System.Net;
using Kiosk.Municipality.Tests.Support;

namespace Kiosk.Municipality.Tests;

/// <summary>Bad requests get a clear problem+json 4xx and store nothing.</summary>
public sealed class BadRequestTests(ServerFixture fx) : IClassFixture<ServerFixture>
{
    private MunicipalityServer S => fx.Server;

    private async Task AssertProblem(Task<(HttpResponseMessage Response, System.Text.Json.JsonElement Body)> call, int status, string code)
    {
        var before = await S.Store.CountDocumentsAsync(default);
        var (resp, body) = await call;
        Assert.Equal(status, (int)resp.StatusCode);
        Assert.Equal("application/problem+json", resp.Content.Headers.ContentType?.MediaType);
        Assert.Equal(code, body.GetProperty("code").GetString());
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("detail").GetString()));
        Assert.Equal(status, body.GetProperty("status").GetInt32());
        Assert.Equal(before, await S.Store.CountDocumentsAsync(default));
    }

    [Fact]
    public Task Unknown_serial_is_404() =>
        AssertProblem(S.PostAsync("/v1/residents/resolve", new { certificateSerial = "DEADBEEF", issuer = MunicipalityServer.Issuer }), 404, "unknown-certificate");

    [Fact]
    public Task Serial_that_is_not_hex_is_400() =>
        AssertProblem(S.PostAsync("/v1/residents/resolve", new { certificateSerial = "not-hex!", issuer = MunicipalityServer.Issuer }), 400, "missing-field");

    [Fact]
    public async Task Unknown_product_is_400()
    {
        S.Clock.Now = ManualClock.WeekdayMorning().Now;
        await AssertProblem(S.PostAsync("/v1/issuances", await S.OrderAsync("yamada-taro", "passport")), 400, "unknown-product");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(11)]
    [InlineData(-1)]
    public async Task Copies_outside_1_to_10_are_400(int copies)
    {
        S.Clock.Now = ManualClock.WeekdayMorning().Now;
        await AssertProblem(S.PostAsync("/v1/issuances", await S.OrderAsync("yamada-taro", "juminhyo", copies: copies)), 400, "invalid-copies");
        await AssertProblem(S.PostAsync("/v1/quotes", await S.OrderAsync("yamada-taro", "juminhyo", copies: copies)), 400, "invalid-copies");
    }

    [Theory]
    [InlineData("{\"requestId\": \"abcdefgh\", \"copies\": ")]
    [InlineData("not json at all")]
    [InlineData("{\"copies\": \"three\"}")]
    [InlineData("null")]
    public Task Malformed_json_is_400(string raw) =>
        AssertProblem(S.PostRawAsync("/v1/issuances", raw), 400, "malformed-json");

    [Fact]
    public async Task Missing_request_id_is_400()
    {
        var order = await S.OrderAsync("yamada-taro", "juminhyo");
        order["requestId"] = null;
        await AssertProblem(S.PostAsync("/v1/issuances", order), 400, "invalid-request-id");
    }

    [Fact]
    public async Task Unknown_option_is_400()
    {
        S.Clock.Now = ManualClock.WeekdayMorning().Now;
        await AssertProblem(S.PostAsync("/v1/issuances", await S.OrderAsync("yamada-taro", "juminhyo", options: ["nationality"])), 400, "unknown-option");
        await AssertProblem(S.PostAsync("/v1/issuances", await S.OrderAsync("yamada-taro", "inkan", options: ["my-number"])), 400, "unknown-option");
    }

    [Fact]
    public async Task Tax_certificate_without_a_year_is_400()
    {
        await AssertProblem(S.PostAsync("/v1/issuances", await S.OrderAsync("yamada-taro", "shotoku-kazei")), 400, "year-required");
    }

    [Fact]
    public async Task Unknown_resident_is_404()
    {
        var order = await S.OrderAsync("yamada-taro", "juminhyo");
        order["residentId"] = "R9999999999";
        await AssertProblem(S.PostAsync("/v1/issuances", order), 404, "unknown-resident");
    }

    [Fact]
    public async Task Reusing_a_request_id_for_another_order_is_409()
    {
        S.Clock.Now = ManualClock.WeekdayMorning().Now;
        var order = await S.OrderAsync("yamada-taro", "juminhyo");
        var (first, _) = await S.PostAsync("/v1/issuances", order);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        order["copies"] = 2;
        await AssertProblem(S.PostAsync("/v1/issuances", order), 409, "request-id-reused");
    }

    [Fact]
    public async Task Wrong_content_type_is_415()
    {
        var resp = await S.Http.PostAsync("/v1/issuances", new StringContent("x", System.Text.Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, resp.StatusCode);
        Assert.Equal("application/problem+json", resp.Content.Headers.ContentType?.MediaType);
    }
}
