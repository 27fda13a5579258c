using Microsoft.Playwright;

namespace Kiosk.Firmware.Simulator.Tests.Flows;

/// <summary>The README's main job, in a real browser: the resident's whole visit through the web front panel, against the
/// real bridge over mutual TLS, the reference municipality, the PN532 and card emulators and the folder printer.</summary>
[Collection("simulator")]
public class IssuanceFlowTests(SimulatorFixture sim)
{
    private async Task<bool> PartsMissingAreNamed(Visitor v)
    {
        if (sim.Missing == null) return false;
        // Until every part has landed the panel must say which one is missing, never pretend.
        await Assertions.Expect(v.Page.Locator("#parts")).ToContainTextAsync("not available");
        await Assertions.Expect(v.Page.Locator("#parts")).ToContainTextAsync("not yet available");
        return true;
    }

    [Fact]
    public async Task A_full_issuance_prints_the_residents_certificate()
    {
        var v = await Visitor.OpenAsync(sim);
        if (await PartsMissingAreNamed(v)) return;
        await v.Screenshot("flow-1-idle");
        await v.StartInEnglish();
        await v.Tap("tanaka-hanako");
        string pinScreen = await v.State("PinEntry");
        Assert.Contains("Tries left: 3", pinScreen);

        // Two digits typed: the browser shows exactly the core's golden PIN screen (digits only as dots).
        await v.Keys("1", "2");
        await v.Page.WaitForFunctionAsync("() => document.getElementById('screen-text').textContent.includes('●●○○')");
        var shown = await v.ShownFrameAsync();
        Assert.Equal(0, Golden.Diff(Golden.Load("PinEntry-en"), shown));
        await v.Screenshot("flow-2-pin");
        Assert.DoesNotContain("12", await v.ScreenText());

        await v.Keys("3", "4", "enter");
        string products = await v.TakeCardBackAsync();
        await v.Screenshot("flow-3-choose-certificate");
        Assert.Contains(">1 Certificate of residence", products);
        await v.Key("enter");
        await v.State("ChooseOptions");
        await v.Key("enter");
        // 田中花子 lives with her household: the terminal asks who is on the certificate ("only me" first).
        string members = await v.State("ChooseMembers");
        Assert.Contains("Only me", members);
        Assert.Contains("Everyone in my household", members);
        await v.Key("enter");
        await v.State("ChooseCopies");
        await v.Key("enter");
        string confirm = await v.State("Confirm");
        Assert.Contains("Certificate of residence", confirm);
        await v.Key("enter");

        string payment = await v.State("Payment");
        var code = System.Text.RegularExpressions.Regex.Match(payment, @"\d{4}-\d{4}-\d{4}").Value;
        Assert.NotEmpty(code);
        await Assertions.Expect(v.Page.Locator("#pay-code")).ToHaveTextAsync("Waiting: code " + code);
        await v.Screenshot("flow-4-payment");
        await v.Page.GetByRole(AriaRole.Button, new() { Name = "Pay at register" }).ClickAsync();

        await v.State("TakeDocuments", 60_000);
        var link = v.Page.Locator("#documents a").First;
        await Assertions.Expect(link).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await v.Screenshot("flow-5-take-documents");
        string href = (await link.GetAttributeAsync("href"))!;
        var pdf = await v.Page.APIRequest.GetAsync(new Uri(new Uri(sim.Host.PanelUrl), href).ToString());
        Assert.Equal(200, pdf.Status);
        byte[] bytes = await pdf.BodyAsync();
        Assert.True(bytes.AsSpan().StartsWith("%PDF-"u8), "not a PDF");
        Assert.Contains("田中", PdfText.Of(bytes));

        await v.Key("enter");
        await v.State("Idle");
        await v.Page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_flow_waits_until_the_card_is_removed()
    {
        var v = await Visitor.OpenAsync(sim);
        if (await PartsMissingAreNamed(v)) return;
        await v.StartInEnglish();
        await v.Tap("smith-emily");
        await v.State("PinEntry");
        var pin = sim.Host.Simulation.Cards.Residents.First(r => r.Id == "smith-emily").TestPin!;
        await v.Keys(pin.Select(c => c.ToString()).Append("enter").ToArray());
        await v.State("RemoveCard");
        await v.Screenshot("remove-card");
        await Task.Delay(3000);
        Assert.Equal("RemoveCard", await v.Page.EvaluateAsync<string>("document.body.dataset.state"));
        await v.RemoveCard();
        await v.State("ChooseProduct");
        await v.Key("cancel");
        await v.State("Idle");
        await v.Page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_wrong_PIN_then_the_right_one()
    {
        var v = await Visitor.OpenAsync(sim);
        if (await PartsMissingAreNamed(v)) return;
        await v.StartInEnglish();
        await v.Tap("nguyen-van-an");
        await v.State("PinEntry");
        await v.Keys("1", "1", "1", "1", "enter");
        string wrong = await v.State("WrongPin");
        Assert.Contains("Tries left: 2", wrong);
        await v.Screenshot("wrong-pin");
        await v.Key("enter");
        string again = await v.State("PinEntry");
        Assert.Contains("Tries left: 2", again);
        await v.Keys("2", "5", "8", "0", "enter");
        await v.TakeCardBackAsync();
        await v.Key("cancel");
        await v.State("Idle");
        await v.Page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_locked_card_says_what_to_do_next()
    {
        var v = await Visitor.OpenAsync(sim);
        if (await PartsMissingAreNamed(v)) return;
        await v.StartInEnglish();
        await v.Tap("sato-kenji");
        string locked = await v.State("Locked");
        Assert.Contains("0120-95-0178", locked);
        var shown = await v.ShownFrameAsync();
        Assert.Equal(0, Golden.Diff(Golden.Load("Locked-en"), shown));
        await v.Screenshot("locked-card");
        await Assertions.Expect(v.Page.Locator("#led")).ToHaveAttributeAsync("aria-label", "Status light: error");
        await v.Key("enter");
        await v.State("Idle");
        await v.RemoveCard();
        await v.Page.Context.CloseAsync();
    }

    [Fact]
    public async Task Switching_language_changes_every_screen()
    {
        var v = await Visitor.OpenAsync(sim, 390, 844);
        if (await PartsMissingAreNamed(v)) return;
        await v.Key("enter");
        await v.State("Language");
        await v.Keys("down", "down", "down", "down", "down"); // 한국어, the sixth language
        await v.Page.WaitForFunctionAsync("() => document.getElementById('screen-text').textContent.includes('>6 한국어')");
        await v.Key("enter");
        string korean = await v.State("PlaceCard");
        Assert.Matches(@"\p{IsHangulSyllables}", korean);
        await v.Tap("smith-emily");
        await v.State("PinEntry");
        await v.Keys("5", "5");
        await v.Page.WaitForFunctionAsync("() => document.getElementById('screen-text').textContent.includes('●●○○')");
        Assert.Equal(0, Golden.Diff(Golden.Load("PinEntry-ko"), await v.ShownFrameAsync()));
        await v.Screenshot("language-ko-phone");
        await v.Key("cancel");
        await v.State("Idle");
        await v.RemoveCard();

        // The next visitor starts in Japanese again, and can pick another language.
        await v.Key("enter");
        string japanese = await v.State("Language");
        Assert.Contains("言語を選んでください", japanese);
        await v.Keys("down", "down");
        await v.Key("enter");
        string english = await v.State("PlaceCard");
        Assert.Contains("Place your card", english);
        await v.Key("cancel");
        await v.State("Idle");
        await v.Page.Context.CloseAsync();
    }
}
