using System.Text.Json;
using Kiosk.Municipality.Cards;

namespace Kiosk.Municipality.Tests;

/// <summary>Serial (+ issuer) → profile binding.</summary>
public sealed class CardMapTests
{
    [Theory]
    [InlineData("0a:1b:2c", "0A1B2C")]
    [InlineData("00A1B2", "A1B2")]
    [InlineData("a1b2c", "0A1B2C")]
    [InlineData("4F 00 11", "4F0011")]
    [InlineData("xyz", null)]
    [InlineData("", null)]
    public void Serials_are_canonical_whole_bytes(string input, string? expected) =>
        Assert.Equal(expected, CardMap.NormalizeSerial(input));

    [Fact]
    public void An_issuer_bound_serial_resolves_only_under_that_issuer()
    {
        var map = new CardMap([new CardBinding("4A0B", "C=JP, O=JPKI, OU=JPKI for user authentication", "tanaka-hanako")]);
        Assert.Equal("tanaka-hanako", map.Resolve("4a0b", "OU=JPKI for user authentication,O=JPKI,C=JP"));
        Assert.Null(map.Resolve("4A0B", "C=JP, O=Elsewhere"));
        Assert.Null(map.Resolve("4A0C", "C=JP, O=JPKI, OU=JPKI for user authentication"));
    }

    [Fact]
    public void A_serial_bound_twice_is_rejected_with_its_value()
    {
        var e = Assert.Throws<InvalidDataException>(() => new CardMap([new("4A0B", null, "a"), new("4a:0b", null, "b")]));
        Assert.Contains("4A0B", e.Message);
    }

    [Fact]
    public void All_three_file_shapes_load()
    {
        var a = CardMap.FromJson("""{"cards":[{"serial":"4A0B","issuer":"C=JP","profileId":"x"}]}""");
        var b = CardMap.FromJson("""[{"serial":"4A0B","profileId":"x"}]""");
        var c = CardMap.FromJson("""{"4A0B":"x"}""");
        Assert.Equal("x", a.Resolve("4A0B", "C=JP"));
        Assert.Equal("x", b.Resolve("4A0B", "C=JP"));
        Assert.Equal("x", c.Resolve("4A0B", "anything"));
    }

    [Fact]
    public void The_test_pki_rule_gives_positive_16_hex_digit_serials()
    {
        var s = TestPkiSerials.AuthSerialFor("kiosk-default", "tanaka-hanako");
        Assert.Matches("^[4-7][0-9A-F]{15}$", s);
        Assert.Equal(s, TestPkiSerials.AuthSerialFor("kiosk-default", "tanaka-hanako"));
        Assert.NotEqual(s, TestPkiSerials.AuthSerialFor("other-seed", "tanaka-hanako"));
    }
}
