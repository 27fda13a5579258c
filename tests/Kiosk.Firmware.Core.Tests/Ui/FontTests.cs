using Kiosk.Firmware.AssetBuild;
using Kiosk.Firmware.Core.Ui.Fonts;
using Kiosk.Firmware.Core.Ui.Messages;

namespace Kiosk.Firmware.Core.Tests.Ui;

public class FontTests
{
    [Fact]
    public void Every_character_of_every_unshaped_message_has_a_glyph()
    {
        for (var l = 0; l < Catalog.LanguageCount; l++)
        {
            if (Catalog.IsShaped(l)) continue;
            for (var m = 0; m < MessageId.Count; m++)
                foreach (var c in Catalog.Text(l, m)) Assert.True(GlyphFont.Find(c) >= 0, "U+" + ((int)c).ToString("X4") + " in " + Catalog.Key(m));
        }
    }

    [Fact]
    public void Dynamic_text_is_covered()
    {
        Assert.True(GlyphFont.Covers(FontGenerator.DynamicCharacters));
        Assert.True(GlyphFont.Covers("¥1,234 ●●○○ PAY-7731 0120-95-0178 ■□"));
        Assert.False(GlyphFont.Covers("\u2603"));
    }

    [Fact]
    public void Every_message_of_the_shaped_languages_has_a_prerendered_bitmap()
    {
        foreach (var l in new[] { Language.Th, Language.Ne })
            for (var m = 0; m < MessageId.Count; m++)
            {
                Assert.InRange(ShapedText.Width(l, m), 8, 300);
                Assert.InRange(ShapedText.Height(l, m), 15, 120);
            }
    }

    [Fact]
    public void Glyphs_have_ink_and_sensible_advances()
    {
        Assert.True(GlyphFont.Advance('証') >= 13);
        Assert.True(GlyphFont.Advance('i') < GlyphFont.Advance('W'));
        var frame = new Kiosk.Firmware.Core.Ui.FrameBuffer();
        GlyphFont.Draw(frame, '証', 0, 0, true);
        Assert.True(frame.Bits.Count(b => b != 0) > 10);
    }

    [Fact]
    public void The_committed_font_and_shaped_lines_match_a_rebuild_from_the_debian_fonts()
    {
        var outputs = AssetBuilder.BuildAll(RepoPaths.Root);
        foreach (var (path, text) in outputs)
            Assert.True(text == File.ReadAllText(RepoPaths.Of(path)), path + " is stale: run dotnet run --project tests/Kiosk.Firmware.AssetBuild");
    }
}
