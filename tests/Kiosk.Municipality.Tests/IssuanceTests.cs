using System.Net;
using System.Text.Json;
using Kiosk.Municipality.Domain;
using Kiosk.Municipality.Tests.Support;

namespace Kiosk.Municipality.Tests;

/// <summary>Every product issues a PDF of its kind; quotes; idempotency by request id.</summary>
public sealed class IssuanceTests(ServerFixture fx) : IClassFixture<ServerFixture>
{
    private MunicipalityServer S => fx.Server;

    [Theory]
    [InlineData("yamada-taro", "juminhyo", "住民票の写し", null)]
    [InlineData("yamada-taro", "kisai-jiko", "住民票記載事項証明書", null)]
    [InlineData("yamada-taro", "inkan", "印鑑登録証明書", null)]
    [InlineData("yamada-taro", "shotoku-kazei", "所得・課税証明書", 2025)]
    [InlineData("yamada-taro", "koseki-zenbu", "戸籍全部事項証明書", null)]
    [InlineData("yamada-taro", "koseki-kojin", "戸籍個人事項証明書", null)]
    [InlineData("yamada-taro", "koseki-fuhyo", "戸籍の附票の写し", null)]
    [InlineData("nguyen-van-an", "juminhyo", "住民票の写し", null)]
    [InlineData("smith-emily", "inkan", "印鑑登録証明書", null)]
    [InlineData("watanabe-yoko", "shotoku-kazei", "所得・課税証明書", 2026)]
    public async Task Every_product_issues_a_pdf_with_its_title_the_resident_and_the_mayor(string profile, string product, string title, int? year)
    {
        S.Clock.Now = ManualClock.WeekdayMorning().Now;
        var order = await S.OrderAsync(profile, product, year: year);
        var (resp, body) = await S.PostAsync("/v1/issuances", order);
        Assert.Equal(HttpStatusCode.Created, resp.StatusCode);
        Assert.Equal(order["certificateSerial"], body.GetProperty("subjectCertificateSerial").GetString());
        var pdf = body.Pdf();
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(pdf, 0, 5));
        var text = PdfText.Compact(await PdfText.ExtractAsync(pdf));
        Assert.Contains(title, text);
        Assert.Contains(body.GetProperty("documentId").GetString()!, text);
        Assert.Contains(body.GetProperty("verificationCode").GetString()!, text);
        Assert.Contains("令和8年11月24日", text);
        var resident = (await S.Store.GetResidentByProfileAsync(profile, default))!;
        Assert.Contains(resident.FamilyName + resident.GivenName.Replace(" ", ""), text);
        var muni = (await S.Store.GetMunicipalityAsync(resident.MunicipalityCode, default))!;
        Assert.Contains(muni.MayorTitle + muni.MayorName.Replace("\u3000", ""), text);
    }

    [Fact]
    public async Task The_tax_certificate_shows_the_chosen_years_figures()
    {
        S.Clock.Now = ManualClock.WeekdayMorning().Now;
        var (_, body) = await S.PostAsync("/v1/issuances", await S.OrderAsync("yamada-taro", "shotoku-kazei", year: 2025));
        var text = PdfText.Compact(await PdfText.ExtractAsync(body.Pdf()));
        Assert.Contains("令和7年度", text);
        Assert.Contains("4,360,000円", text);
        Assert.DoesNotContain("4,560,000円", text);
    }

    [Fact]
    public async Task A_year_without_a_tax_record_is_refused_as_unavailable()
    {
        S.Clock.Now = ManualClock.WeekdayMorning().Now;
        var (resp, body) = await S.PostAsync("/v1/issuances", await S.OrderAsync("yamada-taro", "shotoku-kazei", year: 2019));
        Assert.Equal(403, (int)resp.StatusCode);
        Assert.Equal(ReasonCodes.ProductUnavailable, body.GetProperty("reasonCode").GetString());
    }

    [Theory]
    [InlineData("sato-ken", "juminhyo", ReasonCodes.MovedOut)]
    [InlineData("suzuki-misaki", "inkan", ReasonCodes.Protected)]
    [InlineData("takahashi-makoto", "juminhyo", ReasonCodes.Deceased)]
    [InlineData("yamada-sakura", "juminhyo", ReasonCodes.UnderAge)]
    [InlineData("tanaka-kazuko", "inkan", ReasonCodes.SealAbolished)]
    [InlineData("sato-kenji", "koseki-zenbu", ReasonCodes.NotOffered)]
    [InlineData("yamada-hanako", "inkan", ReasonCodes.ProductUnavailable)]
    public async Task Issuing_an_excluded_product_is_refused_with_its_reason_and_stores_nothing(string profile, string product, string reason)
    {
        S.Clock.Now = ManualClock.WeekdayMorning().Now;
        var before = await S.Store.CountDocumentsAsync(default);
        var (resp, body) = await S.PostAsync("/v1/issuances", await S.OrderAsync(profile, product));
        Assert.Equal(403, (int)resp.StatusCode);
        Assert.Equal(reason, body.GetProperty("reasonCode").GetString());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("message").GetString()));
        Assert.Equal(before, await S.Store.CountDocumentsAsync(default));
    }

    [Fact]
    public async Task A_quote_prices_copies_at_the_municipal_fee()
    {
        S.Clock.Now = ManualClock.WeekdayMorning().Now;
        var order = await S.OrderAsync("nakamura-yuko", "koseki-kojin", copies: 3);
        var (resp, body) = await S.PostAsync("/v1/quotes", order);
        Assert.Equal(HttpStatusCode.OK, resp.StatusCode);
        Assert.Equal(450, body.GetProperty("feeYen").GetInt32());
        Assert.Equal(1350, body.GetProperty("totalYen").GetInt32());
        Assert.Equal(3, body.GetProperty("pages").GetInt32());
    }

    [Fact]
    public async Task Copies_become_that_many_sets_of_pages_in_one_pdf()
    {
        S.Clock.Now = ManualClock.WeekdayMorning().Now;
        var (_, body) = await S.PostAsync("/v1/issuances", await S.OrderAsync("yamada-taro", "kisai-jiko", copies: 10));
        Assert.Equal(10, body.GetProperty("pages").GetInt32());
        Assert.Equal(2000, body.GetProperty("totalYen").GetInt32());
        var text = await PdfText.ExtractAsync(body.Pdf());
        Assert.Contains("（10通目／10通中）", PdfText.Compact(text));
    }

    [Fact]
    public async Task A_retry_with_the_same_request_id_returns_the_same_document_and_stores_one()
    {
        S.Clock.Now = ManualClock.WeekdayMorning().Now;
        var order = await S.OrderAsync("yamada-taro", "juminhyo");
        var before = await S.Store.CountDocumentsAsync(default);
        var (first, a) = await S.PostAsync("/v1/issuances", order);
        // The hours close between the lost response and the retry: the retry still gets the issued document.
        S.Clock.SetJst(2026, 11, 24, 23, 30);
        var (second, b) = await S.PostAsync("/v1/issuances", order);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(a.GetProperty("documentId").GetString(), b.GetProperty("documentId").GetString());
        Assert.Equal(a.GetProperty("pdfSha256").GetString(), b.GetProperty("pdfSha256").GetString());
        Assert.Equal(before + 1, await S.Store.CountDocumentsAsync(default));
    }

    [Fact]
    public async Task Concurrent_retries_of_one_request_store_exactly_one_document()
    {
        S.Clock.Now = ManualClock.WeekdayMorning().Now;
        var order = await S.OrderAsync("watanabe-yoko", "juminhyo");
        var before = await S.Store.CountDocumentsAsync(default);
        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => S.PostAsync("/v1/issuances", order)));
        Assert.All(results, r => Assert.True(r.Response.IsSuccessStatusCode, r.Body.ToString()));
        Assert.Single(results.Select(r => r.Body.GetProperty("documentId").GetString()).Distinct());
        Assert.Equal(before + 1, await S.Store.CountDocumentsAsync(default));
    }

    [Fact]
    public async Task Two_residents_ordering_at_the_same_instant_each_get_their_own_document()
    {
        S.Clock.Now = ManualClock.WeekdayMorning().Now;
        var taro = await S.OrderAsync("yamada-taro", "juminhyo");
        var yoko = await S.OrderAsync("watanabe-yoko", "juminhyo");
        var results = await Task.WhenAll(S.PostAsync("/v1/issuances", taro), S.PostAsync("/v1/issuances", yoko));
        var taroText = PdfText.Compact(await PdfText.ExtractAsync(results[0].Body.Pdf()));
        var yokoText = PdfText.Compact(await PdfText.ExtractAsync(results[1].Body.Pdf()));
        Assert.Contains("山田太郎", taroText);
        Assert.DoesNotContain("渡辺陽子", taroText);
        Assert.Contains("渡辺陽子", yokoText);
        Assert.DoesNotContain("山田太郎", yokoText);
        Assert.Equal(taro["certificateSerial"], results[0].Body.GetProperty("subjectCertificateSerial").GetString());
        Assert.Equal(yoko["certificateSerial"], results[1].Body.GetProperty("subjectCertificateSerial").GetString());
    }

    [Fact]
    public async Task Resolve_accepts_the_issuer_in_either_rdn_order_and_refuses_another_issuer()
    {
        var serial = S.Serials["smith-emily"];
        var reversed = string.Join(", ", MunicipalityServer.Issuer.Split(", ").Reverse());
        var (ok, body) = await S.PostAsync("/v1/residents/resolve", new { certificateSerial = serial.ToLowerInvariant(), issuer = reversed });
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("131130", body.GetProperty("municipalityCode").GetString());
        var (bad, _) = await S.PostAsync("/v1/residents/resolve", new { certificateSerial = serial, issuer = "C=JP, O=Some Other CA" });
        Assert.Equal(HttpStatusCode.NotFound, bad.StatusCode);
    }

    [Fact]
    public async Task Another_residents_serial_cannot_order_for_this_resident()
    {
        S.Clock.Now = ManualClock.WeekdayMorning().Now;
        var order = await S.OrderAsync("yamada-taro", "juminhyo");
        order["certificateSerial"] = S.Serials["yamada-hanako"];
        var before = await S.Store.CountDocumentsAsync(default);
        var (resp, body) = await S.PostAsync("/v1/issuances", order);
        Assert.Equal(403, (int)resp.StatusCode);
        Assert.Equal("certificate-mismatch", body.GetProperty("code").GetString());
        Assert.Equal(before, await S.Store.CountDocumentsAsync(default));
    }

    internal static JsonElement Get(JsonElement e, string name) => e.GetProperty(name);
}
