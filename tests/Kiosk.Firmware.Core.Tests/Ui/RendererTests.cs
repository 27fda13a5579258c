using Kiosk.Firmware.Core.Session;
using Kiosk.Firmware.Core.Ui;
using Kiosk.Firmware.Core.Ui.Messages;

namespace Kiosk.Firmware.Core.Tests.Ui;

public class RendererTests
{
    static FrameBuffer Render(ScreenModel m)
    {
        var r = new ScreenRenderer();
        r.Render(m, null);
        return r.Frame;
    }

    [Fact]
    public void The_title_bar_is_inverted_and_text_stays_inside_the_margins()
    {
        for (var l = 0; l < Catalog.LanguageCount; l++)
        {
            var m = new ScreenModel();
            m.Reset(l, MessageId.ErrorLockedTitle);
            m.AddLine(MessageId.ErrorLockedLine, null);
            m.AddLine(MessageId.ErrorLockedHotline, null);
            var f = Render(m);
            Assert.True(f.Get(0, 0) && f.Get(319, 1));
            var firstBlank = Enumerable.Range(0, 240).First(y => !f.Get(0, y));
            for (var y = firstBlank; y < 240; y++)
                for (var x = 316; x < 320; x++) Assert.False(f.Get(x, y), Catalog.LanguageTag(l) + " ink at " + x + "," + y);
            Assert.True(f.Bits.Skip(firstBlank * FrameBuffer.Stride).Count(b => b != 0) > 100);
        }
    }

    [Fact]
    public void The_selected_choice_is_drawn_inverted()
    {
        var m = new ScreenModel();
        m.Reset(Language.En, MessageId.LanguageTitle);
        for (var i = 0; i < 3; i++) m.AddChoice(MessageId.LanguageName, null, i);
        m.Selected = 1;
        var f = Render(m);
        var inkRows = Enumerable.Range(60, 180).Where(y => f.Get(4, y)).ToArray();
        Assert.NotEmpty(inkRows);
        m.Selected = -1;
        var g = Render(m);
        Assert.DoesNotContain(Enumerable.Range(60, 180), y => g.Get(4, y));
    }

    [Fact]
    public void Long_latin_text_wraps_at_spaces()
    {
        var p = new TextPainter();
        p.Begin(0, 0, 100);
        p.Text(null, "aaaa bbbb cccc dddd eeee ffff", true);
        Assert.True(p.Bottom >= 2 * Kiosk.Firmware.Core.Ui.Fonts.GlyphFont.Height);
        var q = new TextPainter();
        q.Begin(0, 0, 300);
        q.Text(null, "aaaa", true);
        Assert.Equal(Kiosk.Firmware.Core.Ui.Fonts.GlyphFont.Height, q.Bottom);
    }

    [Fact]
    public void Every_state_screen_renders_in_every_language()
    {
        var ctx = GoldenScreens.Context();
        ctx.TriesLeft = 1;
        ctx.HadWrongPin = true;
        foreach (var state in Enum.GetValues<SessionState>())
            for (var l = 0; l < Catalog.LanguageCount; l++)
            {
                ctx.Language = l;
                var m = new ScreenModel();
                ScreenBuilder.Build(state, ctx, GoldenScreens.Pin(2), new SessionConfig(), m);
                var r = new ScreenRenderer();
                r.Render(m, null);
                Assert.True(r.Frame.Bits.Count(b => b != 0) > 50, state + " " + l);
                Assert.True(r.BodyBottom - 4 <= r.HintsTop, state + " in " + Catalog.LanguageTag(l) + " runs into the hints: " + r.BodyBottom + " > " + r.HintsTop);
                Assert.True(r.BodyBottom <= FrameBuffer.Height, state + " in " + Catalog.LanguageTag(l) + " runs off the display");
            }
    }
}
