using Kiosk.Hardware.Emulator.Profiles;
using Kiosk.Hardware.Emulator.Tests.Pki;

namespace Kiosk.Hardware.Emulator.Tests.Profiles;

public class ProfileStoreTests
{
    [Fact]
    public void Default_set_has_the_required_variety()
    {
        var r = ProfileStore.Default.Residents;
        Assert.True(r.Count >= 8);
        Assert.True(r.Count(p => p.Nationality is not null) >= 2);
        Assert.Single(r, p => p.IsMyNumberCard && p.AuthPinTriesLeft == 0);
        Assert.Single(r, p => p.AuthCertificate == AuthCertificateState.Expired);
        Assert.Single(r, p => p.AuthCertificate == AuthCertificateState.Revoked);
        Assert.Single(r, p => p.IsMyNumberCard && !p.HasSignCertificate);
        Assert.Single(r, p => p.CardKind == CardKind.OtherTypeB);
        Assert.All(r.Where(p => p.IsMyNumberCard), p => Assert.True(MyNumberCheckDigit.IsValid(p.MyNumber), p.Id));
        Assert.Equal(r.Count, r.Select(p => p.Pupi).Distinct().Count());
    }

    [Fact]
    public void Content_file_in_output_equals_the_embedded_default()
    {
        var fromFile = ProfileStore.Load(JpkiTestPkiTests.ProfilesPath());
        Assert.Equal(ProfileStore.Default.Residents.Select(p => p.Id), fromFile.Residents.Select(p => p.Id));
    }

    [Theory]
    [InlineData("10000000001", 3)]
    [InlineData("10000000010", 2)]
    [InlineData("12345678901", 8)]
    public void Check_digit(string first11, int expected) => Assert.Equal(expected, MyNumberCheckDigit.Compute(first11));

    [Fact]
    public void Invalid_files_fail_with_a_clear_message()
    {
        var e = Assert.Throws<ProfileException>(() => ProfileStore.Parse("{ not json", "x.json"));
        Assert.StartsWith("x.json: not valid profile JSON", e.Message);
        var json = File.ReadAllText(JpkiTestPkiTests.ProfilesPath()).Replace("\"100000000013\"", "\"100000000014\"");
        e = Assert.Throws<ProfileException>(() => ProfileStore.Parse(json, "y.json"));
        Assert.Contains("tanaka-hanako", e.Message);
        Assert.Contains("check digit", e.Message);
        e = Assert.Throws<ProfileException>(() => ProfileStore.Default.Get("nobody"));
        Assert.Contains("tanaka-hanako", e.Message);
        Assert.Throws<ProfileException>(() => ProfileStore.Load("/nonexistent/profiles.json"));
    }

    [Theory]
    [InlineData("ABC123", true)]
    [InlineData("abc123", false)]
    [InlineData("ABCDEF", false)]
    [InlineData("12345", false)]
    [InlineData("A1234567890123456", false)]
    public void Sign_password_rule(string pin, bool ok) => Assert.Equal(ok, ProfileStore.IsSignPassword(pin));
}
