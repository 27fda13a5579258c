using System.Text.RegularExpressions;
using Kiosk.Firmware.AssetBuild;
using Kiosk.Firmware.Core.Ui.Messages;

namespace Kiosk.Firmware.Core.Tests.Ui;

public class CatalogTests
{
    static readonly string[] Tags = { "ja", "ja-easy", "en", "zh-Hans", "zh-Hant", "ko", "es", "pt", "vi", "tl", "id", "ne", "th" };

    [Fact]
    public void Thirteen_languages_in_the_documented_order()
    {
        Assert.Equal(Tags, Enumerable.Range(0, Catalog.LanguageCount).Select(Catalog.LanguageTag));
        Assert.Equal(Language.Th, Catalog.FindLanguage("th"));
        Assert.Equal(Language.JaEasy, Catalog.FindLanguage("ja-easy"));
        Assert.Equal(Language.Ne, Catalog.FindLanguage("ne"));
        Assert.True(Catalog.IsShaped(Language.Th) && Catalog.IsShaped(Language.Ne) && !Catalog.IsShaped(Language.Ja));
    }

    [Fact]
    public void Every_message_has_text_in_every_language()
    {
        for (var m = 0; m < MessageId.Count; m++)
            for (var l = 0; l < Catalog.LanguageCount; l++)
                Assert.False(string.IsNullOrWhiteSpace(Catalog.Text(l, m)), Catalog.Key(m) + " / " + Catalog.LanguageTag(l));
    }

    [Fact]
    public void Translations_are_not_copies_of_english_except_names()
    {
        var sameAllowed = new[] { "option.my-number", "payment.code", "error.locked.hotline" };
        for (var m = 0; m < MessageId.Count; m++)
        {
            var en = Catalog.Text(Language.En, m);
            var copies = Enumerable.Range(0, Catalog.LanguageCount).Count(l => l != Language.En && Catalog.Text(l, m) == en);
            if (!sameAllowed.Contains(Catalog.Key(m)) && m != MessageId.LanguageName) Assert.True(copies <= 1, Catalog.Key(m));
        }
    }

    [Fact]
    public void Generated_catalogue_matches_the_data_file()
    {
        var model = CatalogModel.Load(RepoPaths.Of(AssetPaths.Catalog));
        Assert.Equal(CatalogGenerator.Generate(model), File.ReadAllText(RepoPaths.Of(AssetPaths.CatalogCode)));
    }

    [Fact]
    public void Every_problem_code_of_the_protocol_has_a_message()
    {
        var doc = File.ReadAllText(RepoPaths.Of("docs/kiosk-protocol.md"));
        var section = doc[doc.IndexOf("## Problem codes", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("##", 5, StringComparison.Ordinal)];
        var codes = Regex.Matches(section, "`([a-z-]+)`").Select(m => m.Groups[1].Value).ToArray();
        Assert.True(codes.Length >= 30);
        foreach (var code in codes) Assert.True(Catalog.Find("problem." + code) >= 0, code);
        foreach (var reason in new[] { "outside-hours", "moved-out", "not-offered" }) Assert.NotEqual(MessageId.ErrorGeneral, Catalog.Problem(reason));
        Assert.Equal(MessageId.ErrorGeneral, Catalog.Problem("no-such-code"));
        Assert.Equal(Catalog.Slot(MessageId.ErrorPrinter), Catalog.Slot(Catalog.Problem("printer-out-of-paper")));
    }

    [Fact]
    public void Every_product_code_has_a_name()
    {
        foreach (var code in new[] { "juminhyo", "juminhyo-kisai", "inkan", "shotoku-kazei", "koseki-zenbu", "koseki-kojin", "koseki-fuhyo" })
            Assert.True(Catalog.ProductName(code) >= 0, code);
        Assert.Equal(-1, Catalog.ProductName("unknown"));
        // The municipal API's spellings name the same things.
        Assert.Equal(Catalog.Slot(Catalog.ProductName("juminhyo-kisai")), Catalog.Slot(Catalog.ProductName("kisai-jiko")));
        Assert.Equal(Catalog.Slot(Catalog.OptionName("relationship")), Catalog.Slot(Catalog.OptionName("setainushi")));
        foreach (var option in new[] { "honseki", "my-number", "nationality", "residence-card", "residence-status" })
            Assert.True(Catalog.OptionName(option) >= 0, option);
    }

    [Fact]
    public void The_locked_screen_gives_both_hotlines_in_every_language()
    {
        for (var l = 0; l < Catalog.LanguageCount; l++)
        {
            Assert.Contains("0120-95-0178", Catalog.Text(l, MessageId.ErrorLockedHotline));
            Assert.Contains("0120-0178-27", Catalog.Text(l, MessageId.ErrorLockedForeign));
        }
    }
}
