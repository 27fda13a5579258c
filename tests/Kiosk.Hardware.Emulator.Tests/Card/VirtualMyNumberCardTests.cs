using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kiosk.Hardware.Emulator.Card;
using Kiosk.Hardware.Emulator.Pki;
using static Kiosk.Hardware.Emulator.Tests.Card.Apdus;

namespace Kiosk.Hardware.Emulator.Tests.Card;

public class VirtualMyNumberCardTests
{
    private static VirtualMyNumberCard Card(string id = "tanaka-hanako") => VirtualMyNumberCard.ForProfile(id);

    private static byte[] ReadWhole(VirtualMyNumberCard card, ushort fid)
    {
        Assert.Equal(0x9000, Sw(card.Process(SelectEf(fid))));
        var head = card.Process(Read(0, 4));
        Assert.Equal(0x9000, Sw(head));
        Assert.Equal(0x30, head[0]);
        Assert.Equal(0x82, head[1]);
        var size = (head[2] << 8 | head[3]) + 4;
        var result = new List<byte>();
        while (result.Count < size)
        {
            var n = Math.Min(256, size - result.Count);
            var r = card.Process(Read(result.Count, n == 256 ? 0 : n));
            Assert.Equal(0x9000, Sw(r));
            result.AddRange(Data(r));
        }
        return result.ToArray();
    }

    [Fact]
    public void Reports_atr_pupi_and_applications()
    {
        var card = Card();
        Assert.Equal(H("3BE000FF8131FE4514"), card.Atr);
        Assert.Equal(H("12345678"), card.Pupi);
        Assert.Equal(2, card.Applications.Count);
        Assert.Contains(card.Applications, a => a.SequenceEqual(JpkiAids.Jpki));
    }

    [Fact]
    public void Reads_every_certificate_byte_for_byte_in_chunks()
    {
        var card = Card();
        var pki = JpkiTestPki.Create();
        Assert.Equal(0x9000, Sw(card.Process(SelectJpki)));
        Assert.Equal(pki.Resident("tanaka-hanako").AuthCertificateDer, ReadWhole(card, 0x000A));
        Assert.Equal(pki.AuthCaCertificate.RawData, ReadWhole(card, 0x000B));
        Assert.Equal(pki.SignCaCertificate.RawData, ReadWhole(card, 0x0002));
    }

    [Fact]
    public void Token_ef_names_a_my_number_card()
    {
        var card = Card();
        card.Process(SelectJpki);
        card.Process(SelectEf(0x0006));
        var r = card.Process(Read(0, 0x20));
        Assert.Equal(0x9000, Sw(r));
        Assert.Equal("JPKIAPICCTOKEN2", System.Text.Encoding.ASCII.GetString(Data(r)).Trim(' ', '\0'));
    }

    [Fact]
    public void Status_words_for_files_and_lengths()
    {
        var card = Card();
        Assert.Equal(0x6A82, Sw(card.Process(SelectEf(0x000A)))); // no AP selected yet
        Assert.Equal(0x6986, Sw(card.Process(Read(0, 4)))); // no current EF
        Assert.Equal(0x9000, Sw(card.Process(SelectJpki)));
        Assert.Equal(0x6A82, Sw(card.Process(SelectEf(0x1234))));
        Assert.Equal(0x6A82, Sw(card.Process(H("00A4040C07A0000000031010")))); // unknown AID
        Assert.Equal(0x6A86, Sw(card.Process(H("00A4000C023F00")))); // select MF by id: not supported
        Assert.Equal(0x6A86, Sw(card.Process(H("00A4020402000A")))); // P2 asking for FCP
        Assert.Equal(0x6700, Sw(card.Process(H("00A4020C03000A00")))); // Lc 3 for an EF id
        Assert.Equal(0x6700, Sw(card.Process(H("00A4020C05000A")))); // Lc says 5, 2 bytes follow
        Assert.Equal(0x6700, Sw(card.Process(H("00A4"))));
        Assert.Equal(0x6700, Sw(card.Process(H("00B000000000FF")))); // extended Le not supported
        Assert.Equal(0x9000, Sw(card.Process(SelectEf(0x000A))));
        Assert.Equal(0x6700, Sw(card.Process(H("00B00000")))); // READ BINARY without Le
        var size = Pki().Resident("tanaka-hanako").AuthCertificateDer.Length;
        Assert.Equal(0x6B00, Sw(card.Process(Read(size, 1)))); // at the end
        Assert.Equal(0x6C00 | 10, Sw(card.Process(Read(size - 10, 20)))); // Le beyond the end → 6C + exact remainder
        Assert.Equal(0x9000, Sw(card.Process(Read(size - 10, 10))));
        Assert.Equal(0x9000, Sw(card.Process(SelectEf(0x0017))));
        Assert.Equal(0x6981, Sw(card.Process(Read(0, 4)))); // a key is no transparent EF
        Assert.Equal(0x6A88, Sw(card.Process(TriesQuery))); // VERIFY on a key EF
        Assert.Equal(0x6D00, Sw(card.Process(H("00CADF3005")))); // setcos probe
        Assert.Equal(0x6D00, Sw(card.Process(H("00CB3FFF035C017E08")))); // PIV probe
        Assert.Equal(0x6E00, Sw(card.Process(H("A0A4000C023F00"))));
        Assert.Equal(0x6881, Sw(card.Process(H("01A4040C0AD392F000260100000001"))));
    }

    [Theory]
    [InlineData("00A404000762760100FF000000")] // coolkey
    [InlineData("00A4040006A00000000101")] // muscle
    [InlineData("00A404000BE82B0601040181C31F0201")] // sc-hsm
    [InlineData("00A404000C0FD23300000045737445494420763335")] // mcrd (malformed as sent by OpenSC: Lc mismatch is 6700 or 6A82)
    [InlineData("00A4040009A000000308000010000000")] // PIV
    [InlineData("00A404000CF276A288BCFBA69D34F31001")] // isoApplet
    [InlineData("00A4040009A000000397425446590000")] // gids
    [InlineData("00A4040006D27600012401")] // openpgp
    public void Other_drivers_probes_are_rejected(string hex)
    {
        var r = Card().Process(H(hex));
        Assert.Contains(Sw(r), new[] { 0x6A82, 0x6700 });
        Assert.NotEqual(0x9000, Sw(r));
    }

    [Fact]
    public void Sign_cert_needs_the_signing_password()
    {
        var card = Card();
        card.Process(SelectJpki);
        card.Process(SelectEf(0x0001));
        Assert.Equal(0x6982, Sw(card.Process(Read(0, 4))));
        card.Process(SelectEf(0x001B));
        Assert.Equal(0x63C5, Sw(card.Process(TriesQuery)));
        Assert.Equal(0x9000, Sw(card.Process(Verify("ABC123"))));
        Assert.Equal(Pki().Resident("tanaka-hanako").SignCertificateDer, ReadWhole(card, 0x0001));
        card.Process(SelectJpki); // re-selecting the AP drops the security state
        Assert.Equal(0x9000, Sw(card.Process(SelectEf(0x0001))));
        Assert.Equal(0x6982, Sw(card.Process(Read(0, 4))));
    }

    [Fact]
    public void Wrong_pins_count_down_then_block_and_the_query_reports_63C0()
    {
        var card = Card();
        card.Process(SelectJpki);
        card.Process(SelectEf(0x0018));
        Assert.Equal(0x63C3, Sw(card.Process(TriesQuery)));
        Assert.Equal(0x63C2, Sw(card.Process(Verify("0000"))));
        Assert.Equal(0x63C1, Sw(card.Process(Verify("0001"))));
        Assert.Equal(0x63C1, Sw(card.Process(TriesQuery)));
        Assert.Equal(0x63C0, Sw(card.Process(Verify("0002")))); // the exhausting attempt
        Assert.Equal(0x6984, Sw(card.Process(Verify("1234")))); // even the right PIN, once blocked
        Assert.Equal(0x63C0, Sw(card.Process(TriesQuery)));
        Assert.Equal(0, card.AuthPinTriesLeft);
        card.Reset();
        card.Process(SelectJpki);
        card.Process(SelectEf(0x0018));
        Assert.Equal(0x63C0, Sw(card.Process(TriesQuery))); // the counter survives a power cycle
    }

    [Fact]
    public void Right_pin_resets_the_counter()
    {
        var card = Card("suzuki-ichiro");
        card.Process(SelectJpki);
        card.Process(SelectEf(0x0018));
        Assert.Equal(0x63C1, Sw(card.Process(TriesQuery)));
        Assert.Equal(0x9000, Sw(card.Process(Verify("4321"))));
        Assert.Equal(0x63C3, Sw(card.Process(TriesQuery)));
    }

    [Fact]
    public void Verify_by_short_ef_reference_without_select()
    {
        var card = Card();
        card.Process(SelectJpki);
        Assert.Equal(0x63C3, Sw(card.Process(H("00200098"))));
        Assert.Equal(0x6A88, Sw(card.Process(H("0020008A"))));
        Assert.Equal(0x6A86, Sw(card.Process(H("00200180"))));
    }

    [Fact]
    public void Locked_profile_is_locked_from_the_start()
    {
        var card = Card("sato-kenji");
        card.Process(SelectJpki);
        card.Process(SelectEf(0x0018));
        Assert.Equal(0x63C0, Sw(card.Process(TriesQuery)));
        Assert.Equal(0x6984, Sw(card.Process(Verify("5555"))));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Signs_digest_info_with_card_side_pkcs1_padding(bool sha1)
    {
        var card = Card();
        var data = "kiosk challenge"u8.ToArray();
        var hash = sha1 ? SHA1.HashData(data) : SHA256.HashData(data);
        byte[] digestInfo = [.. sha1 ? Sha1Prefix : Sha256Prefix, .. hash];
        card.Process(SelectJpki);
        card.Process(SelectEf(0x0017));
        Assert.Equal(0x6982, Sw(card.Process(Sign(digestInfo)))); // before VERIFY
        card.Process(SelectEf(0x0018));
        Assert.Equal(0x9000, Sw(card.Process(Verify("1234"))));
        Assert.Equal(0x6985, Sw(card.Process(Sign(digestInfo)))); // the PIN EF is selected, not a key
        card.Process(SelectEf(0x0017));
        var r = card.Process(Sign(digestInfo));
        Assert.Equal(0x9000, Sw(r));
        Assert.Equal(CardOperation.RsaSign, card.LastOperation);
        var sig = Data(r);
        Assert.Equal(256, sig.Length);
        using var key = Pki().Resident("tanaka-hanako").AuthCertificate.GetRSAPublicKey()!;
        Assert.True(key.VerifyHash(hash, sig, sha1 ? HashAlgorithmName.SHA1 : HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        if (!sha1) Assert.Equal(Pki().Resident("tanaka-hanako").SignWithAuthKey(data), sig); // PKCS#1 v1.5 is deterministic
    }

    [Fact]
    public void Sign_length_and_parameter_errors()
    {
        var card = Card();
        card.Process(SelectJpki);
        card.Process(SelectEf(0x0018));
        card.Process(Verify("1234"));
        card.Process(SelectEf(0x0017));
        Assert.Equal(0x6A80, Sw(card.Process(Sign(new byte[246]))));
        Assert.Equal(0x6C00, Sw(card.Process(H("802A00800401020304" + "80")))); // Le 128 < 256
        Assert.Equal(0x6A86, Sw(card.Process(H("802A9E9A0401020304" + "00"))));
        Assert.Equal(0x6D00, Sw(card.Process(H("002A00800401020304" + "00")))); // ISO PSO (CLA 00) is not implemented, only 80 2A
        Assert.Equal(0x6700, Sw(card.Process(H("802A0080"))));
        Assert.Equal(0x9000, Sw(card.Process(H("802A00800401020304")))); // case 3 also signs
    }

    [Fact]
    public void Sign_key_signs_after_the_signing_password()
    {
        var card = Card();
        var digest = SHA256.HashData("doc"u8);
        card.Process(SelectJpki);
        card.Process(SelectEf(0x001B));
        Assert.Equal(0x9000, Sw(card.Process(Verify("ABC123"))));
        card.Process(SelectEf(0x001A));
        var r = card.Process(Sign([.. Sha256Prefix, .. digest]));
        Assert.Equal(0x9000, Sw(r));
        using var key = Pki().Resident("tanaka-hanako").SignCertificate!.GetRSAPublicKey()!;
        Assert.True(key.VerifyHash(digest, Data(r), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    [Fact]
    public void Child_card_has_no_sign_certificate_and_an_unset_signing_password()
    {
        var card = Card("ito-yui");
        card.Process(SelectJpki);
        Assert.Equal(0x6A82, Sw(card.Process(SelectEf(0x0001))));
        Assert.Equal(0x6A82, Sw(card.Process(SelectEf(0x001A))));
        Assert.Equal(0x9000, Sw(card.Process(SelectEf(0x001B))));
        Assert.Equal(0x63C0, Sw(card.Process(TriesQuery)));
        Assert.Equal(0x6984, Sw(card.Process(Verify("ABC123"))));
    }

    [Fact]
    public void Transit_card_has_no_jpki_ap()
    {
        var card = Card("transit-card");
        Assert.Empty(card.Applications);
        Assert.NotEqual(JpkiAids.MyNumberCardAtr, card.Atr);
        byte x = 0;
        foreach (var b in card.Atr[1..]) x ^= b;
        Assert.Equal(0, x); // TCK correct
        Assert.Equal(0x6A82, Sw(card.Process(SelectJpki)));
        Assert.Equal(0x6A82, Sw(card.Process(SelectEf(0x000A))));
    }

    [Fact]
    public void Support_ap_serves_my_number_and_basic_four_after_its_pin()
    {
        var card = Card();
        Assert.Equal(0x9000, Sw(card.Process(SelectSupport)));
        Assert.Equal(0x9000, Sw(card.Process(SelectEf(0x0001))));
        Assert.Equal(0x6982, Sw(card.Process(Read(0, 17))));
        card.Process(SelectEf(0x0011));
        Assert.Equal(0x63C3, Sw(card.Process(TriesQuery)));
        Assert.Equal(0x9000, Sw(card.Process(Verify("1234"))));
        card.Process(SelectEf(0x0001));
        var r = card.Process(Read(0, 17));
        Assert.Equal(0x9000, Sw(r));
        Assert.Equal(0xD0, r[0]);
        Assert.Equal(12, r[1]);
        var number = System.Text.Encoding.ASCII.GetString(r, 2, 12);
        Assert.True(Kiosk.Hardware.Emulator.Profiles.MyNumberCheckDigit.IsValid(number));
        card.Process(SelectEf(0x0002));
        var head = card.Process(Read(0, 3));
        Assert.Equal(0xFF, head[0]);
        Assert.Equal(0x20, head[1]);
        var info = CardContents.BasicFourInfo(card.Profile);
        var all = card.Process(Read(0, info.Length));
        Assert.Equal(info, Data(all));
        var reader = new System.Formats.Asn1.AsnReader(info, System.Formats.Asn1.AsnEncodingRules.DER)
            .ReadSequence(new System.Formats.Asn1.Asn1Tag(System.Formats.Asn1.TagClass.Private, 0x20, true));
        var offsets = reader.ReadOctetString(new System.Formats.Asn1.Asn1Tag(System.Formats.Asn1.TagClass.Private, 0x21));
        Assert.Equal("田中 花子", System.Text.Encoding.UTF8.GetString(reader.ReadOctetString(new System.Formats.Asn1.Asn1Tag(System.Formats.Asn1.TagClass.Private, 0x22))));
        Assert.Equal(8, offsets.Length);
    }

    [Fact]
    public void Random_apdus_never_crash_and_always_end_in_a_status_word()
    {
        var rng = new Random(20261122);
        var card = Card();
        var prefixes = new[] { SelectJpki, SelectEf(0x000A), SelectEf(0x0018), SelectEf(0x0017), SelectSupport };
        for (var i = 0; i < 20000; i++)
        {
            byte[] apdu;
            if (rng.Next(4) == 0) apdu = prefixes[rng.Next(prefixes.Length)];
            else
            {
                apdu = new byte[rng.Next(0, 40)];
                rng.NextBytes(apdu);
                if (apdu.Length > 1 && rng.Next(2) == 0) apdu[0] = (byte)(rng.Next(2) * 0x80);
                if (apdu.Length > 2 && rng.Next(2) == 0) apdu[1] = new byte[] { 0xA4, 0xB0, 0x20, 0x2A }[rng.Next(4)];
            }
            var r = card.Process(apdu);
            Assert.True(r.Length >= 2);
            Assert.NotEqual(0x6F00, Sw(r));
        }
    }

    private static JpkiTestPki Pki() => JpkiTestPki.Create();
}
