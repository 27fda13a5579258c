using Kiosk.Municipality.Domain;
using Kiosk.Municipality.Tests.Support;

namespace Kiosk.Municipality.Tests;

/// <summary>Which products each resident may get, and the reason code when not.</summary>
public sealed class OffersTests(ServerFixture fx) : IClassFixture<ServerFixture>
{
    private MunicipalityServer S => fx.Server;

    [Fact]
    public async Task An_ordinary_resident_gets_every_product_with_the_municipalitys_fees()
    {
        S.Clock.Now = ManualClock.WeekdayMorning().Now;
        var offers = await S.OffersAsync("yamada-taro");
        Assert.Equal(ProductCodes.All.Order(), offers.Keys.Order());
        Assert.All(offers.Values, o => Assert.True(o.GetProperty("available").GetBoolean(), o.ToString()));
        Assert.Equal(200, offers["juminhyo"].GetProperty("feeYen").GetInt32());
        Assert.Equal(300, offers["shotoku-kazei"].GetProperty("feeYen").GetInt32());
        Assert.Equal(350, offers["koseki-zenbu"].GetProperty("feeYen").GetInt32());
        Assert.Equal(10, offers["juminhyo"].GetProperty("maxCopies").GetInt32());
        var options = offers["juminhyo"].GetProperty("options").EnumerateArray().ToList();
        Assert.Equal(["honseki", "setainushi", "my-number"], options.Select(o => o.GetProperty("code").GetString()));
        Assert.All(options, o => Assert.False(o.GetProperty("default").GetBoolean()));
        Assert.Equal(4, offers["juminhyo"].GetProperty("members").GetArrayLength());
        Assert.Equal([2026, 2025], offers["shotoku-kazei"].GetProperty("years").EnumerateArray().Select(y => y.GetInt32()));
    }

    [Fact]
    public async Task Another_municipality_charges_its_own_fees()
    {
        S.Clock.Now = ManualClock.WeekdayMorning().Now;
        var offers = await S.OffersAsync("nakamura-yuko");
        Assert.Equal(150, offers["juminhyo"].GetProperty("feeYen").GetInt32());
        Assert.Equal(450, offers["koseki-kojin"].GetProperty("feeYen").GetInt32());
    }

    [Theory]
    [InlineData("sato-ken", ReasonCodes.MovedOut)]
    [InlineData("suzuki-misaki", ReasonCodes.Protected)]
    [InlineData("takahashi-makoto", ReasonCodes.Deceased)]
    [InlineData("yamada-sakura", ReasonCodes.UnderAge)]
    public async Task A_resident_level_exclusion_refuses_every_product(string profile, string reason)
    {
        S.Clock.Now = ManualClock.WeekdayMorning().Now;
        var offers = await S.OffersAsync(profile);
        Assert.All(offers.Values, o =>
        {
            Assert.False(o.GetProperty("available").GetBoolean());
            Assert.Equal(reason, o.Reason());
            Assert.False(string.IsNullOrEmpty(o.GetProperty("message").GetString()));
        });
    }

    [Theory]
    [InlineData("tanaka-kazuko", "inkan", ReasonCodes.SealAbolished)]
    [InlineData("yamada-hanako", "inkan", ReasonCodes.ProductUnavailable)]
    [InlineData("yamada-hanako", "shotoku-kazei", ReasonCodes.ProductUnavailable)]
    [InlineData("sato-kenji", "shotoku-kazei", ReasonCodes.NotOffered)]
    [InlineData("sato-kenji", "koseki-zenbu", ReasonCodes.NotOffered)]
    [InlineData("sato-kenji", "kisai-jiko", ReasonCodes.NotOffered)]
    [InlineData("watanabe-yoko", "koseki-fuhyo", ReasonCodes.NotOffered)]
    [InlineData("nguyen-van-an", "koseki-zenbu", ReasonCodes.ProductUnavailable)]
    [InlineData("ito-naoki", "koseki-kojin", ReasonCodes.ProductUnavailable)]
    public async Task A_product_level_exclusion_refuses_that_product_only(string profile, string product, string reason)
    {
        S.Clock.Now = ManualClock.WeekdayMorning().Now;
        var offers = await S.OffersAsync(profile);
        Assert.Equal(reason, offers[product].Reason());
        Assert.True(offers["juminhyo"].GetProperty("available").GetBoolean());
    }

    [Fact]
    public async Task A_foreign_resident_is_offered_nationality_and_residence_card_options_but_not_honseki()
    {
        S.Clock.Now = ManualClock.WeekdayMorning().Now;
        var offers = await S.OffersAsync("nguyen-van-an");
        var codes = offers["juminhyo"].GetProperty("options").EnumerateArray().Select(o => o.GetProperty("code").GetString()).ToList();
        Assert.Contains("nationality", codes);
        Assert.Contains("residence-card", codes);
        Assert.Contains("residence-status", codes);
        Assert.DoesNotContain("honseki", codes);
    }

    [Fact]
    public async Task Household_members_are_masked_and_the_applicant_is_marked()
    {
        S.Clock.Now = ManualClock.WeekdayMorning().Now;
        var members = (await S.OffersAsync("yamada-hanako"))["juminhyo"].GetProperty("members").EnumerateArray().ToList();
        var applicant = Assert.Single(members, m => m.GetProperty("isApplicant").GetBoolean());
        Assert.Equal("妻", applicant.GetProperty("relationship").GetString());
        Assert.Equal("山田\u3000*子", applicant.GetProperty("maskedName").GetString());
        Assert.DoesNotContain(members, m => m.GetProperty("maskedName").GetString()!.Contains("太郎"));
    }
}
