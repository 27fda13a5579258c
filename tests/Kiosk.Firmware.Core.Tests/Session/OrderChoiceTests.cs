using Kiosk.Firmware.Core.Hardware;
using Kiosk.Firmware.Core.Session;
using Kiosk.Firmware.Core.Ui.Messages;

namespace Kiosk.Firmware.Core.Tests.Session;

/// <summary>The municipality's order choices on the keypad: who is on a 住民票の写し, and the fiscal year of a 所得・課税証明書.</summary>
public class OrderChoiceTests
{
    const string Products =
        "{\"products\":[" +
        "{\"code\":\"juminhyo\",\"available\":true,\"reason\":null,\"feeYen\":300,\"maxCopies\":5,\"options\":[{\"code\":\"honseki\",\"default\":false}]," +
        "\"members\":[{\"id\":\"m-self\",\"relationship\":\"self\",\"applicant\":true},{\"id\":\"m-child\",\"relationship\":\"child\",\"applicant\":false}],\"years\":[]}," +
        "{\"code\":\"shotoku-kazei\",\"available\":true,\"reason\":null,\"feeYen\":300,\"maxCopies\":3,\"options\":[],\"members\":[],\"years\":[2024,2025,2023]}," +
        "{\"code\":\"inkan\",\"available\":true,\"reason\":null,\"feeYen\":300,\"maxCopies\":3,\"options\":[],\"members\":[],\"years\":[]}," +
        "{\"code\":\"koseki-zenbu\",\"available\":true,\"reason\":null,\"feeYen\":450,\"maxCopies\":3,\"options\":[]," +
        "\"members\":[{\"id\":\"m-self\",\"relationship\":\"self\",\"applicant\":true}],\"years\":[]}" +
        "]}";

    static Rig AtProducts()
    {
        var rig = new Rig(setup: r => { r.Bridge.ProductsJson = Products; r.Bridge.PollsUntilPaid = 1_000; });
        rig.Press(Key.Enter);
        rig.Press(Key.Enter);
        rig.Card.InField = true;
        rig.Tick();
        rig.Type(rig.Card.CorrectPin);
        rig.Press(Key.Enter);
        rig.Card.InField = false;
        rig.Tick();
        Assert.Equal(SessionState.ChooseProduct, rig.State);
        return rig;
    }

    static string OrderCall(Rig rig) => Assert.Single(rig.Bridge.Calls, c => c.StartsWith("CreateOrder", StringComparison.Ordinal));

    [Fact]
    public void Resident_certificate_for_the_whole_household_sends_every_member()
    {
        var rig = AtProducts();
        rig.Press(Key.D1);
        rig.Press(Key.Enter);
        Assert.Equal(SessionState.ChooseOptions, rig.State);
        rig.Press(Key.Enter);
        Assert.Equal(SessionState.ChooseMembers, rig.State);
        Assert.Contains(Catalog.Text(Language.Ja, MessageId.MembersMe), rig.Screens[^1]);
        Assert.Contains(Catalog.Text(Language.Ja, MessageId.MembersHousehold), rig.Screens[^1]);
        rig.Press(Key.D2);
        rig.Press(Key.Enter);
        Assert.Equal(SessionState.ChooseCopies, rig.State);
        rig.Press(Key.Enter);
        Assert.Equal(SessionState.Confirm, rig.State);
        Assert.Contains(Catalog.Text(Language.Ja, MessageId.MembersHousehold), rig.Screens[^1]);
        rig.Press(Key.Enter);
        Assert.Equal(SessionState.Payment, rig.State);
        Assert.EndsWith("copies=1 members=m-self,m-child", OrderCall(rig));
    }

    [Fact]
    public void Resident_certificate_for_only_me_sends_no_members()
    {
        var rig = AtProducts();
        rig.Press(Key.D1);
        rig.Press(Key.Enter);
        rig.Press(Key.Enter);
        Assert.Equal(SessionState.ChooseMembers, rig.State);
        rig.Press(Key.Enter); // "only me" is highlighted first
        rig.Press(Key.Enter);
        rig.Press(Key.Enter);
        Assert.Equal(SessionState.Payment, rig.State);
        Assert.EndsWith("copies=1", OrderCall(rig));
    }

    [Fact]
    public void Tax_certificate_asks_for_one_of_the_offered_years_newest_first()
    {
        var rig = AtProducts();
        rig.Press(Key.D2);
        rig.Press(Key.Enter);
        Assert.Equal(SessionState.ChooseYear, rig.State);
        var screen = rig.Screens[^1];
        Assert.True(screen.IndexOf("2025", StringComparison.Ordinal) < screen.IndexOf("2024", StringComparison.Ordinal));
        Assert.True(screen.IndexOf("2024", StringComparison.Ordinal) < screen.IndexOf("2023", StringComparison.Ordinal));
        Assert.Equal(2025, rig.M.Context.Year);
        rig.Press(Key.Down);
        rig.Press(Key.Enter);
        Assert.Equal(SessionState.ChooseCopies, rig.State);
        rig.Press(Key.Enter);
        Assert.Contains("2024", rig.Screens[^1]);
        rig.Press(Key.Enter);
        Assert.EndsWith("product=shotoku-kazei options= copies=1 year=2024", OrderCall(rig));
    }

    [Fact]
    public void Certificates_without_choices_go_straight_to_copies_and_send_neither()
    {
        var rig = AtProducts();
        rig.Press(Key.D4); // koseki-zenbu: only the applicant listed, so nobody to choose
        rig.Press(Key.Enter);
        Assert.Equal(SessionState.ChooseCopies, rig.State);
        rig.Press(Key.Enter);
        rig.Press(Key.Enter);
        Assert.EndsWith("product=koseki-zenbu options= copies=1", OrderCall(rig));
    }

    [Fact]
    public void Back_from_a_choice_returns_to_the_list_and_cancel_wipes_it()
    {
        var rig = AtProducts();
        rig.Press(Key.D2);
        rig.Press(Key.Enter);
        Assert.Equal(SessionState.ChooseYear, rig.State);
        rig.Press(Key.Back);
        Assert.Equal(SessionState.ChooseProduct, rig.State);
        rig.Press(Key.D2);
        rig.Press(Key.Enter);
        rig.Press(Key.Cancel);
        Assert.Equal(SessionState.Idle, rig.State);
        Assert.True(rig.Wiped());
        Assert.Equal(0, rig.M.Context.Year);
    }

    [Fact]
    public void Every_language_names_the_new_choices()
    {
        foreach (var id in new[] { MessageId.MembersTitle, MessageId.MembersMe, MessageId.MembersHousehold, MessageId.YearTitle, MessageId.YearLabel })
            for (var l = 0; l < Catalog.LanguageCount; l++)
                Assert.False(string.IsNullOrWhiteSpace(Catalog.Text(l, id)), Catalog.Key(id) + " / " + Catalog.LanguageTag(l));
    }
}
