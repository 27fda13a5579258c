using Kiosk.Municipality.Domain;
using Kiosk.Municipality.Tests.Support;

namespace Kiosk.Municipality.Tests;

/// <summary>Service hours at their boundaries, driven by the injected clock through the real API.</summary>
public sealed class HoursTests(ServerFixture fx) : IClassFixture<ServerFixture>
{
    private MunicipalityServer S => fx.Server;

    [Theory]
    // 2026-11-24 is a Tuesday; 2026-11-28 a Saturday; 2027-01-04 a Monday.
    [InlineData(2026, 11, 24, 6, 29, ReasonCodes.OutsideHours)]
    [InlineData(2026, 11, 24, 6, 30, null)]
    [InlineData(2026, 11, 24, 22, 59, null)]
    [InlineData(2026, 11, 24, 23, 0, ReasonCodes.OutsideHours)]
    [InlineData(2026, 12, 28, 22, 59, null)]
    [InlineData(2026, 12, 29, 10, 0, ReasonCodes.OutsideHours)]
    [InlineData(2027, 1, 3, 22, 0, ReasonCodes.OutsideHours)]
    [InlineData(2027, 1, 4, 6, 30, null)]
    [InlineData(2027, 1, 4, 10, 0, null)]
    public async Task Juminhyo_follows_the_daily_hours_and_the_year_end_closure(int y, int mo, int d, int h, int mi, string? expected)
    {
        S.Clock.SetJst(y, mo, d, h, mi);
        var offers = await S.OffersAsync("yamada-taro");
        Assert.Equal(expected, offers["juminhyo"].Reason());
    }

    [Theory]
    [InlineData(2026, 11, 24, 8, 29, ReasonCodes.OutsideHours)]
    [InlineData(2026, 11, 24, 8, 30, null)]
    [InlineData(2026, 11, 24, 17, 14, null)]
    [InlineData(2026, 11, 24, 17, 15, ReasonCodes.OutsideHours)]
    [InlineData(2026, 11, 24, 22, 59, ReasonCodes.OutsideHours)]
    [InlineData(2026, 11, 28, 10, 0, ReasonCodes.OutsideHours)]
    [InlineData(2026, 11, 29, 10, 0, ReasonCodes.OutsideHours)]
    [InlineData(2027, 1, 4, 10, 0, null)]
    public async Task Koseki_is_served_on_weekdays_in_office_hours_only(int y, int mo, int d, int h, int mi, string? expected)
    {
        S.Clock.SetJst(y, mo, d, h, mi);
        var offers = await S.OffersAsync("yamada-taro");
        Assert.Equal(expected, offers["koseki-zenbu"].Reason());
        Assert.Equal(expected, offers["koseki-kojin"].Reason());
        // The 附票 keeps the ordinary store hours.
        Assert.Null(offers["koseki-fuhyo"].Reason());
    }

    [Fact]
    public async Task Issuing_outside_hours_is_refused_with_the_reason_and_stores_nothing()
    {
        S.Clock.SetJst(2026, 11, 24, 23, 0);
        var before = await S.Store.CountDocumentsAsync(default);
        var (resp, body) = await S.PostAsync("/v1/issuances", await S.OrderAsync("yamada-taro", "juminhyo"));
        Assert.Equal(403, (int)resp.StatusCode);
        Assert.Equal("application/problem+json", resp.Content.Headers.ContentType?.MediaType);
        Assert.Equal(ReasonCodes.OutsideHours, body.GetProperty("reasonCode").GetString());
        Assert.Equal(before, await S.Store.CountDocumentsAsync(default));
    }

    [Fact]
    public async Task A_resident_who_turns_15_becomes_eligible_on_the_birthday()
    {
        // yamada-sakura was born 2014-02-14.
        S.Clock.SetJst(2029, 2, 13, 10, 0);
        Assert.Equal(ReasonCodes.UnderAge, (await S.OffersAsync("yamada-sakura"))["juminhyo"].Reason());
        S.Clock.SetJst(2029, 2, 14, 10, 0);
        Assert.Null((await S.OffersAsync("yamada-sakura"))["juminhyo"].Reason());
    }
}
