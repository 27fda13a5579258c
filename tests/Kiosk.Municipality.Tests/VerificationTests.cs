using System.Net;
using Kiosk.Municipality.Tests.Support;
using Kiosk.Municipality.Verification;

namespace Kiosk.Municipality.Tests;

/// <summary>The printed verification code verifies; a tampered one does not.</summary>
public sealed class VerificationTests(ServerFixture fx) : IClassFixture<ServerFixture>
{
    private MunicipalityServer S => fx.Server;

    private async Task<(string Id, string Code)> Issue()
    {
        S.Clock.Now = ManualClock.WeekdayMorning().Now;
        var (_, body) = await S.PostAsync("/v1/issuances", await S.OrderAsync("smith-emily", "juminhyo", copies: 2));
        return (body.GetProperty("documentId").GetString()!, body.GetProperty("verificationCode").GetString()!);
    }

    [Fact]
    public async Task The_printed_code_verifies_and_returns_no_personal_data()
    {
        var (id, code) = await Issue();
        var (resp, v) = await S.PostAsync("/v1/documents/verify", new { documentId = id, code });
        Assert.Equal(HttpStatusCode.OK, resp.StatusCode);
        Assert.True(v.GetProperty("valid").GetBoolean());
        Assert.Equal("juminhyo", v.GetProperty("productCode").GetString());
        Assert.Equal(2, v.GetProperty("copies").GetInt32());
        Assert.DoesNotContain("SMITH", v.ToString());
        Assert.DoesNotContain("EMILY", v.ToString());
        // Typed by a person: lower case, no dashes, O for 0.
        var typed = code.Replace("-", "").ToLowerInvariant().Replace('0', 'o');
        var (_, v2) = await S.PostAsync("/v1/documents/verify", new { documentId = id, code = typed });
        Assert.True(v2.GetProperty("valid").GetBoolean());
    }

    [Fact]
    public async Task The_qr_text_verifies()
    {
        var (id, code) = await Issue();
        var (_, v) = await S.PostAsync("/v1/documents/verify", new { qr = VerificationSigner.QrText(id, code) });
        Assert.True(v.GetProperty("valid").GetBoolean());
    }

    [Fact]
    public async Task A_tampered_code_or_document_id_does_not_verify()
    {
        var (id, code) = await Issue();
        var flipped = (code[0] == 'A' ? 'B' : 'A') + code[1..];
        var (r1, v1) = await S.PostAsync("/v1/documents/verify", new { documentId = id, code = flipped });
        Assert.Equal(HttpStatusCode.OK, r1.StatusCode);
        Assert.False(v1.GetProperty("valid").GetBoolean());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, v1.GetProperty("productCode").ValueKind);

        var otherId = id[..^1] + (id[^1] == '0' ? '1' : '0');
        var (_, v2) = await S.PostAsync("/v1/documents/verify", new { documentId = otherId, code });
        Assert.False(v2.GetProperty("valid").GetBoolean());

        var (_, other) = await S.PostAsync("/v1/issuances", await S.OrderAsync("smith-emily", "inkan"));
        var (_, v3) = await S.PostAsync("/v1/documents/verify", new { documentId = other.GetProperty("documentId").GetString(), code });
        Assert.False(v3.GetProperty("valid").GetBoolean());
    }

    [Fact]
    public void A_code_made_with_another_key_does_not_match()
    {
        var a = new VerificationSigner(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var b = new VerificationSigner(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var ca = a.Sign("D1", "139017", "juminhyo", "R1", 1, "2026-11-24T01:00:00.0000000+00:00");
        var cb = b.Sign("D1", "139017", "juminhyo", "R1", 1, "2026-11-24T01:00:00.0000000+00:00");
        Assert.Matches("^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$", ca);
        Assert.True(VerificationSigner.Matches(ca, ca));
        Assert.False(VerificationSigner.Matches(ca, cb));
    }

    [Fact]
    public void The_key_is_persisted_with_owner_only_permissions()
    {
        var path = Path.Combine(S.DataDir, "verification.key");
        Assert.True(File.Exists(path));
        Assert.Equal(32, File.ReadAllBytes(path).Length);
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Equal(File.ReadAllBytes(path), VerificationKey.LoadOrCreate(path));
    }
}
