using Kiosk.Firmware.Core.Hardware;
using Kiosk.Firmware.Core.Session;

namespace Kiosk.Firmware.Core.Tests.Session;

/// <summary>Plays sessions with known PINs and scans everything they produced — every screen model, log line, bridge call
/// and exception — for the PIN's digits.</summary>
public class PinLeakTests
{
    const string Right = "7395";
    const string Wrong = "8642";

    static void AssertNoPin(IEnumerable<string> texts)
    {
        foreach (var text in texts)
            foreach (var pin in new[] { Right, Wrong })
                for (var i = 0; i + 3 <= pin.Length; i++)
                    Assert.False(text.Contains(pin.Substring(i, 3)), "PIN fragment " + pin.Substring(i, 3) + " leaked into: " + text);
    }

    [Fact]
    public void No_pin_digit_reaches_a_screen_a_log_line_or_the_bridge()
    {
        var rig = new Rig(render: true, setup: r => r.Card.CorrectPin = Right);
        rig.Press(Key.Enter); rig.Press(Key.D3); rig.Press(Key.Enter);
        rig.Card.InField = true; rig.Tick();
        rig.Type(Wrong); rig.Press(Key.Enter);
        rig.Press(Key.Enter);
        rig.Type(Right.Substring(0, 2)); rig.Press(Key.Back); rig.Type(Right.Substring(1)); rig.Press(Key.Enter);
        rig.Card.InField = false; rig.Tick();
        rig.Press(Key.Enter); rig.Press(Key.Enter); rig.Press(Key.Enter); rig.Press(Key.Enter);
        rig.TickUntil(SessionState.TakeDocuments);
        rig.Press(Key.Enter);

        Assert.Equal(new[] { Wrong, Right }, rig.Card.PinsReceived);
        Assert.All(rig.Card.PinBuffersSeen, b => Assert.All(b, x => Assert.Equal(0, x)));
        AssertNoPin(rig.Screens);
        AssertNoPin(rig.Log.Lines);
        AssertNoPin(rig.Bridge.Calls);
        // While typing, the only dynamic text on the PIN screen is the dot mask (and the tries count).
        foreach (var s in rig.Screens.Where(s => s.Contains("○") || s.Contains("●")))
            Assert.Matches("^[●○]{4}$", s.Split('\n').Single(l => l.Contains('●') || l.Contains('○')).Trim());
        Assert.True(rig.Display.Frames > 10);
    }

    [Fact]
    public void A_card_fault_during_verify_leaks_nothing_and_wipes_the_buffer()
    {
        var rig = new Rig(setup: r => { r.Card.CorrectPin = Right; r.Card.ThrowOnVerify = true; });
        rig.Press(Key.Enter); rig.Press(Key.Enter);
        rig.Card.InField = true; rig.Tick();
        rig.Type(Right); rig.Press(Key.Enter);
        Assert.Equal(SessionState.Notice, rig.State);
        Assert.Contains(rig.Log.Lines, l => l.Contains("threw IOException"));
        Assert.All(rig.Card.PinBuffersSeen, b => Assert.All(b, x => Assert.Equal(0, x)));
        AssertNoPin(rig.Screens.Concat(rig.Log.Lines).Concat(rig.Bridge.Calls));
        Assert.True(rig.Wiped());
    }

    [Fact]
    public void Pin_pad_exposes_only_the_count_and_wipes_on_submit()
    {
        var pad = new PinPad();
        foreach (var d in new[] { 7, 3, 9, 5 }) pad.Add(d);
        Assert.Equal("●●●●", pad.Mask);
        Assert.DoesNotContain(typeof(PinPad).GetProperties(), p => p.PropertyType == typeof(byte[]) || p.PropertyType == typeof(string) && p.Name != "Mask");
        var card = new ScriptedCard { CorrectPin = Right };
        var result = pad.SubmitTo(card);
        Assert.True(result.IsOk);
        Assert.Equal(0, pad.Count);
        Assert.All(card.PinBuffersSeen[0], b => Assert.Equal(0, b));
        Assert.Equal("○○○○", pad.Mask);
    }
}
