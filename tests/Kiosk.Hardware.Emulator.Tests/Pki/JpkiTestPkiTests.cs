using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kiosk.Hardware.Emulator.Pki;
using Kiosk.Hardware.Emulator.Profiles;

namespace Kiosk.Hardware.Emulator.Tests.Pki;

public class JpkiTestPkiTests
{
    private static readonly JpkiTestPki Pki = JpkiTestPki.Create();

    [Fact]
    public void Same_seed_gives_byte_identical_certificates_and_crls_from_a_fresh_instance()
    {
        var fresh = JpkiTestPki.Create(JpkiTestPki.DefaultSeed, ProfileStore.Parse(File.ReadAllText(ProfilesPath())));
        Assert.NotSame(Pki, fresh);
        Assert.Equal(Pki.AuthCaCertificate.RawData, fresh.AuthCaCertificate.RawData);
        Assert.Equal(Pki.SignCaCertificate.RawData, fresh.SignCaCertificate.RawData);
        Assert.Equal(Pki.AuthCrl, fresh.AuthCrl);
        Assert.Equal(Pki.Resident("tanaka-hanako").AuthCertificateDer, fresh.Resident("tanaka-hanako").AuthCertificateDer);
        Assert.Equal(Pki.Resident("tanaka-hanako").SignCertificateDer, fresh.Resident("tanaka-hanako").SignCertificateDer);
    }

    [Fact]
    public void Another_seed_gives_other_keys_and_serials()
    {
        var other = JpkiTestPki.Create("another-seed");
        Assert.NotEqual(Pki.AuthCaCertificate.GetPublicKey(), other.AuthCaCertificate.GetPublicKey());
        Assert.NotEqual(Pki.AuthSerialFor("tanaka-hanako"), other.AuthSerialFor("tanaka-hanako"));
    }

    [Fact]
    public void Cached_key_equals_the_key_derived_from_the_seed_without_cache()
    {
        var cached = RsaKeyCache.Get(JpkiTestPki.DefaultSeed, "ca/auth");
        var derived = RsaKeyCache.Derive(JpkiTestPki.DefaultSeed, "ca/auth");
        Assert.Equal(derived.Modulus, cached.Modulus);
        Assert.Equal(derived.D, cached.D);
        Assert.Equal(derived.Modulus, Pki.AuthCaCertificate.GetRSAPublicKey()!.ExportParameters(false).Modulus);
    }

    [Fact]
    public void Drbg_matches_itself_and_differs_by_label()
    {
        Assert.Equal(HmacDrbg.ForLabel("s", "a").Generate(64), HmacDrbg.ForLabel("s", "a").Generate(64));
        Assert.NotEqual(HmacDrbg.ForLabel("s", "a").Generate(64), HmacDrbg.ForLabel("s", "b").Generate(64));
    }

    [Theory]
    [InlineData("JPKI for user authentication")]
    [InlineData("JPKI for digital signature")]
    public void Cas_are_shaped_like_jlis(string unit)
    {
        var ca = unit.Contains("auth") ? Pki.AuthCaCertificate : Pki.SignCaCertificate;
        Assert.Contains("O=JPKI", ca.Subject);
        Assert.Contains("OU=" + unit, ca.Subject);
        Assert.Contains("C=JP", ca.Subject);
        Assert.Equal(ca.Subject, ca.Issuer);
        Assert.Equal(2048, ca.GetRSAPublicKey()!.KeySize);
        Assert.Equal("1.2.840.113549.1.1.11", ca.SignatureAlgorithm.Value); // sha256WithRSAEncryption
        var bc = ca.Extensions.OfType<X509BasicConstraintsExtension>().Single();
        Assert.True(bc.CertificateAuthority);
        var ku = ca.Extensions.OfType<X509KeyUsageExtension>().Single();
        Assert.True(ku.Critical);
        Assert.Equal(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, ku.KeyUsages);
    }

    [Fact]
    public void Auth_certificate_has_no_personal_data_and_chains_to_the_auth_ca()
    {
        var c = Pki.Resident("tanaka-hanako");
        var cert = c.AuthCertificate;
        Assert.DoesNotContain("田中", cert.Subject);
        Assert.Null(cert.Extensions["2.5.29.17"]);
        Assert.Equal(Pki.AuthCaCertificate.Subject, cert.Issuer);
        Assert.Equal(X509KeyUsageFlags.DigitalSignature, cert.Extensions.OfType<X509KeyUsageExtension>().Single().KeyUsages);
        Assert.True(ChainBuilds(cert, Pki.AuthCaCertificate, new DateTime(2026, 6, 1)));
        Assert.False(ChainBuilds(cert, Pki.SignCaCertificate, new DateTime(2026, 6, 1)));
    }

    [Fact]
    public void Certificates_are_valid_to_the_fifth_birthday_after_issue()
    {
        // tanaka: born 1985-04-12, issued 2025-04-01 → birthdays 2025..2029, the 5th is 2029-04-12 (JST end of day).
        var cert = Pki.Resident("tanaka-hanako").AuthCertificate;
        Assert.Equal(new DateTimeOffset(2029, 4, 12, 23, 59, 59, TimeSpan.FromHours(9)).UtcDateTime, cert.NotAfter.ToUniversalTime());
        Assert.Equal(new DateTimeOffset(2025, 4, 1, 0, 0, 0, TimeSpan.FromHours(9)).UtcDateTime, cert.NotBefore.ToUniversalTime());
    }

    [Theory]
    [InlineData("1985-04-12", "2025-04-01", "2029-04-12")]
    [InlineData("1985-04-12", "2025-04-12", "2030-04-12")] // a birthday on the issue day does not count
    [InlineData("1996-02-29", "2025-09-10", "2030-02-28")]
    [InlineData("1948-03-03", "2019-06-01", "2024-03-03")]
    public void Fifth_birthday_rule(string birth, string issued, string expected)
        => Assert.Equal(DateOnly.Parse(expected), JpkiDates.FifthBirthdayAfter(DateOnly.Parse(birth), DateOnly.Parse(issued)));

    [Fact]
    public void Profile_states_match_the_certificates_now()
    {
        foreach (var p in Pki.Profiles.Residents.Where(p => p.IsMyNumberCard))
        {
            var cert = Pki.IssueResident(p).AuthCertificate;
            var expired = cert.NotAfter < DateTime.Now;
            // When this fails years from now, move the profile's certificatesIssued forward (valid ones last to 2029+).
            Assert.True(expired == (p.AuthCertificate == AuthCertificateState.Expired), p.Id + " notAfter " + cert.NotAfter.ToString("O"));
        }
    }

    [Fact]
    public void Sign_certificate_carries_the_four_attributes_in_jpki_alt_names()
    {
        var cert = Pki.Resident("nguyen-van-an").SignCertificate!;
        var san = cert.Extensions["2.5.29.17"]!.RawData;
        var values = ReadOtherNames(san);
        Assert.Equal("NGUYEN VAN AN", values[JpkiOids.Name]);
        Assert.Equal("1", values[JpkiOids.Sex]);
        Assert.Equal("19960229", values[JpkiOids.BirthDate]);
        Assert.StartsWith("大阪府大阪市北区", values[JpkiOids.Address]);
        Assert.Equal(6, values.Count);
        Assert.True(ChainBuilds(cert, Pki.SignCaCertificate, new DateTime(2026, 6, 1)));
        Assert.Equal(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, cert.Extensions.OfType<X509KeyUsageExtension>().Single().KeyUsages);
    }

    [Fact]
    public void Child_has_no_sign_certificate_and_transit_card_has_no_certificates()
    {
        Assert.Null(Pki.Resident("ito-yui").SignCertificate);
        Assert.Null(Pki.Resident("ito-yui").SignKey);
        Assert.Throws<ProfileException>(() => Pki.Resident("transit-card"));
    }

    [Fact]
    public void Serials_are_stable_documented_and_match_the_certificates()
    {
        var serial = JpkiTestPki.AuthSerialFor(JpkiTestPki.DefaultSeed, "tanaka-hanako");
        var hash = SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("kiosk-jpki-serial|kiosk-default|auth|tanaka-hanako"));
        hash[0] = (byte)((hash[0] & 0x7F) | 0x40);
        Assert.Equal(Convert.ToHexString(hash[..8]), serial);
        Assert.Equal(serial, Pki.Resident("tanaka-hanako").AuthCertificate.SerialNumber);
        Assert.Equal(serial, Pki.Resident("tanaka-hanako").AuthSerial);
        var all = Pki.Profiles.Residents.Where(p => p.IsMyNumberCard).Select(p => Pki.AuthSerialFor(p.Id)).ToList();
        Assert.Equal(all.Count, all.Distinct().Count());
    }

    [Fact]
    public void Auth_crl_lists_exactly_the_revoked_profile()
    {
        var builder = CertificateRevocationListBuilder.Load(Pki.AuthCrl, out var number);
        Assert.True(number > 0);
        Assert.False(builder.RemoveEntry(Convert.FromHexString(Pki.AuthSerialFor("tanaka-hanako"))));
        Assert.True(builder.RemoveEntry(Convert.FromHexString(Pki.AuthSerialFor("kobayashi-takeshi"))));
        var signCrl = CertificateRevocationListBuilder.Load(Pki.SignCrl, out _);
        Assert.False(signCrl.RemoveEntry(Convert.FromHexString(Pki.AuthSerialFor("kobayashi-takeshi"))));
    }

    [Fact]
    public void Sign_with_auth_key_verifies_with_the_auth_certificate()
    {
        var c = Pki.Resident("smith-emily");
        var data = "challenge"u8.ToArray();
        var sig = c.SignWithAuthKey(data);
        Assert.True(c.AuthCertificate.GetRSAPublicKey()!.VerifyData(data, sig, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        Assert.True(c.AuthCertificateWithKey().HasPrivateKey);
    }

    [Fact]
    public void Export_writes_pem_and_der_that_openssl_accepts_and_crl_check_revokes()
    {
        var dir = Directory.CreateTempSubdirectory("kiosk-pki-").FullName;
        try
        {
            var files = Pki.Export(dir);
            Assert.Contains(files, f => f.EndsWith("auth-ca.pem"));
            Assert.Equal(Pki.AuthCrl, File.ReadAllBytes(Path.Combine(dir, "auth-ca.crl.der")));
            Assert.StartsWith("-----BEGIN X509 CRL-----", File.ReadAllText(Path.Combine(dir, "auth-ca.crl.pem")));
            // Independent verifier: openssl, at a fixed time inside every validity window.
            var at = new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds().ToString();
            string Verify(string id) => Tools.Run("openssl", "verify", "-attime", at, "-crl_check", "-CAfile", Path.Combine(dir, "auth-ca.pem"),
                "-CRLfile", Path.Combine(dir, "auth-ca.crl.pem"), Path.Combine(dir, id + ".auth.pem")).Output;
            Assert.Contains(": OK", Verify("tanaka-hanako"));
            Assert.Contains("certificate revoked", Verify("kobayashi-takeshi"));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    internal static string ProfilesPath() => Path.Combine(AppContext.BaseDirectory, "Profiles", "residents.json");

    private static bool ChainBuilds(X509Certificate2 leaf, X509Certificate2 root, DateTime at)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(root);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = at;
        return chain.Build(leaf);
    }

    private static Dictionary<string, string> ReadOtherNames(byte[] san)
    {
        var result = new Dictionary<string, string>();
        var seq = new AsnReader(san, AsnEncodingRules.DER).ReadSequence();
        while (seq.HasData)
        {
            var other = seq.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0, true));
            var oid = other.ReadObjectIdentifier();
            var value = other.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0, true));
            var tag = value.PeekTag();
            result[oid] = value.ReadCharacterString((UniversalTagNumber)tag.TagValue);
        }
        return result;
    }
}
