using Kiosk.Municipality.Domain;
using Kiosk.Municipality.Store;
using Kiosk.Municipality.Tests.Support;

namespace Kiosk.Municipality.Tests;

/// <summary>What the printed text says: the chosen people and nobody else, 個人番号 only when asked.</summary>
public sealed class PdfContentTests(ServerFixture fx) : IClassFixture<ServerFixture>
{
    private MunicipalityServer S => fx.Server;
    private static readonly SeedData Seed = SeedLoader.LoadEmbedded();

    private static string Name(ResidentRecord r) => PdfText.Compact(r.FamilyName + r.GivenName);

    /// <summary>Every person's name in the seed: residents and family-register members.</summary>
    private static IEnumerable<string> EveryName() =>
        Seed.Residents.Select(Name).Concat(Seed.FamilyRegisterMembers.Select(m => m.FamilyName + m.GivenName)).Distinct();

    private async Task<string> IssueText(string profile, string product, string[]? options = null, string[]? members = null)
    {
        S.Clock.Now = ManualClock.WeekdayMorning().Now;
        var (resp, body) = await S.PostAsync("/v1/issuances", await S.OrderAsync(profile, product, options: options, members: members));
        Assert.True(resp.IsSuccessStatusCode, body.ToString());
        return PdfText.Compact(await PdfText.ExtractAsync(body.Pdf()));
    }

    private static ResidentRecord R(string profile) => Seed.Residents.Single(r => r.ProfileId == profile);
    private static ResidentRecord Rid(string id) => Seed.Residents.Single(r => r.ResidentId == id);

    [Fact]
    public async Task Juminhyo_lists_the_chosen_members_and_nobody_else()
    {
        var taro = R("yamada-taro");
        var hanako = R("yamada-hanako");
        var text = await IssueText("yamada-taro", "juminhyo", members: [taro.ResidentId, hanako.ResidentId]);
        string[] expected = [Name(taro), Name(hanako)];
        foreach (var n in expected) Assert.Contains(n, text);
        foreach (var n in EveryName().Except(expected)) Assert.DoesNotContain(n, text);
    }

    [Fact]
    public async Task Juminhyo_without_members_is_the_applicant_alone()
    {
        var hanako = R("yamada-hanako");
        var text = await IssueText("yamada-hanako", "juminhyo");
        Assert.Contains(Name(hanako), text);
        foreach (var n in EveryName().Where(n => n != Name(hanako))) Assert.DoesNotContain(n, text);
    }

    [Fact]
    public async Task Whole_household_lists_all_four_and_says_so()
    {
        var household = Seed.Residents.Where(r => r.HouseholdId == R("yamada-taro").HouseholdId).ToList();
        var text = await IssueText("yamada-ichiro", "juminhyo", members: household.Select(r => r.ResidentId).ToArray());
        foreach (var r in household) Assert.Contains(Name(r), text);
        Assert.Contains("世帯全員の住民票", text);
    }

    [Fact]
    public async Task My_number_is_absent_unless_asked()
    {
        var taro = R("yamada-taro");
        var without = await IssueText("yamada-taro", "juminhyo", options: ["setainushi", "honseki"]);
        Assert.DoesNotContain("個人番号", without);
        Assert.DoesNotContain(taro.MyNumber, without);
        Assert.Contains("世帯主", without);
        Assert.Contains("東京都千代田区一番町二丁目3番", without);

        var with = await IssueText("yamada-taro", "juminhyo", options: ["my-number"]);
        Assert.Contains("個人番号", with);
        Assert.Contains(taro.MyNumber, with);
    }

    [Fact]
    public async Task Synthetic_my_numbers_fail_the_real_check_digit()
    {
        Assert.All(Seed.Residents, r =>
        {
            Assert.Equal(12, r.MyNumber.Length);
            Assert.NotEqual(SeedLoader.CheckDigit(r.MyNumber[..11]), r.MyNumber[11] - '0');
        });
        await Task.CompletedTask;
    }

    [Fact]
    public async Task Foreign_resident_items_appear_only_when_chosen()
    {
        var an = R("nguyen-van-an");
        var plain = await IssueText("nguyen-van-an", "juminhyo");
        Assert.Contains(Name(an), plain);
        Assert.DoesNotContain("ベトナム", plain);
        Assert.DoesNotContain(an.ResidenceCardNumber!, plain);
        Assert.Contains("1996年2月29日", plain);

        var full = await IssueText("nguyen-van-an", "juminhyo", options: ["nationality", "residence-card", "residence-status"]);
        Assert.Contains("ベトナム", full);
        Assert.Contains(an.ResidenceCardNumber!, full);
        Assert.Contains("技術・人文知識・国際業務", full);
        Assert.DoesNotContain("個人番号", full);
    }

    [Fact]
    public async Task Koseki_kojin_shows_the_applicant_and_the_head_but_not_the_rest_of_the_register()
    {
        var text = await IssueText("nakamura-yuko", "koseki-kojin");
        Assert.Contains("中村優子", text);
        Assert.Contains("中村浩二", text); // 筆頭者 and father
        Assert.Contains("中村恵美", text); // mother
        Assert.DoesNotContain("山田太郎", text);
        var whole = await IssueText("watanabe-yoko", "koseki-zenbu");
        Assert.Contains("渡辺陽子", whole);
        Assert.Contains("渡辺大輝", whole);
        Assert.Contains("除籍", whole);
    }

    [Fact]
    public async Task Seal_certificate_carries_the_registration_number()
    {
        var text = await IssueText("watanabe-yoko", "inkan");
        Assert.Contains(Seed.Seals.Single(s => s.ResidentId == R("watanabe-yoko").ResidentId).RegistrationNumber, text);
        Assert.Contains("印影", text);
    }

    [Fact]
    public async Task A_person_of_another_household_cannot_be_added()
    {
        S.Clock.Now = ManualClock.WeekdayMorning().Now;
        var order = await S.OrderAsync("yamada-taro", "juminhyo", members: [Rid("R1310160301").ResidentId]);
        var (resp, body) = await S.PostAsync("/v1/issuances", order);
        Assert.Equal(400, (int)resp.StatusCode);
        Assert.Equal("unknown-member", body.GetProperty("code").GetString());
    }
}
