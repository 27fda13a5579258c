using System.Security.Cryptography;
using Kiosk.Firmware.Core.Card;
using Kiosk.Firmware.Core.Card.Jpki;

namespace Kiosk.Firmware.Core.Tests.CardStack;

public class JpkiCardTests
{
    private const string SelectAp = "00A4040C0AD392F000260100000001";
    private const string SelectCert = "00A4020C02000A";
    private const string SelectPin = "00A4020C020018";
    private const string SelectKey = "00A4020C020017";
    private const string TriesQuery = "00200080";
    private const string VerifyPin1234 = "002000800431323334";

    private readonly ScriptedCardTransport _card = new();
    private readonly JpkiCard _jpki;

    public JpkiCardTests() => _jpki = new JpkiCard(_card);

    private static byte[] FakeCertificate(int contentLength)
    {
        byte[] der = new byte[contentLength + 4];
        der[0] = 0x30;
        der[1] = 0x82;
        der[2] = (byte)(contentLength >> 8);
        der[3] = (byte)contentLength;
        new Random(contentLength).NextBytes(der.AsSpan(4));
        return der;
    }

    private static byte[] Pin(string digits) => System.Text.Encoding.ASCII.GetBytes(digits);

    private void Opened()
    {
        _card.Expect(SelectAp, "9000");
        Assert.Equal(CardStatus.Ok, _jpki.Open().Status);
    }

    [Fact]
    public void A_whole_session_uses_the_fewest_APDUs()
    {
        byte[] cert = FakeCertificate(1300); // 1304 bytes: 256 x 5 + 24
        _card.Expect(SelectAp, "9000").Expect(SelectCert, "9000");
        for (int offset = 0; offset < cert.Length; offset += 256)
        {
            int n = Math.Min(256, cert.Length - offset);
            string le = n == 256 ? "00" : n.ToString("X2");
            _card.Expect("00B0" + offset.ToString("X4") + le, Hex.Of(cert, offset, n) + "9000");
        }

        byte[] challenge = Hex.Bytes("0102030405060708");
        string digestInfo = "3031300D060960864801650304020105000420" + Hex.Of(SHA256.HashData(challenge));
        string signature = new string('5', 512);
        _card.Expect(SelectPin, "9000").Expect(TriesQuery, "63C3").Expect(VerifyPin1234, "9000")
            .Expect(SelectKey, "9000").Expect("802A008033" + digestInfo + "00", signature + "9000");

        Assert.True(_jpki.Open().IsOk);
        CardResult read = _jpki.ReadAuthCertificate();
        Assert.True(read.IsOk);
        Assert.Equal(cert, read.Data);
        CardResult tries = _jpki.QueryPinTriesLeft();
        Assert.Equal(CardStatus.Ok, tries.Status);
        Assert.Equal(3, tries.TriesLeft);
        Assert.True(_jpki.VerifyPin(Pin("1234"), 0, 4).IsOk);
        CardResult signed = _jpki.SignChallenge(challenge, 0, challenge.Length);
        Assert.True(signed.IsOk);
        Assert.Equal(Hex.Bytes(signature), signed.Data);
        Assert.Equal(0, _card.Remaining);
        Assert.Equal(13, _jpki.Channel.ApduCount);
    }

    [Fact]
    public void A_short_certificate_is_read_in_one_go()
    {
        byte[] cert = FakeCertificate(100);
        Opened();
        _card.Expect(SelectCert, "9000").Expect("00B0000000", Hex.Of(cert) + "6282");
        CardResult read = _jpki.ReadAuthCertificate();
        Assert.True(read.IsOk);
        Assert.Equal(cert, read.Data);
    }

    [Fact]
    public void A_card_refusing_a_long_Le_is_read_via_the_4_byte_header()
    {
        byte[] cert = FakeCertificate(100);
        Opened();
        _card.Expect(SelectCert, "9000").Expect("00B0000000", "6700").Expect("00B0000004", Hex.Of(cert, 0, 4) + "9000")
            .Expect("00B0000464", Hex.Of(cert, 4, 100) + "9000");
        Assert.Equal(cert, _jpki.ReadAuthCertificate().Data);
    }

    [Fact]
    public void Wrong_Le_is_reissued_transparently()
    {
        Opened();
        _card.Expect("00A4020C020006", "9000").Expect("00B0000020", "6C0F").Expect("00B000000F", "4A504B494150494343544F4B454E32" + "9000");
        CardResult token = _jpki.ReadToken();
        Assert.True(token.IsOk);
        Assert.Equal("JPKIAPICCTOKEN2", System.Text.Encoding.ASCII.GetString(token.Data!));
    }

    [Fact]
    public void More_data_is_fetched_with_GET_RESPONSE()
    {
        Opened();
        _card.Expect(SelectKey, "9000");
        byte[] challenge = { 1 };
        string digestInfo = "3031300D060960864801650304020105000420" + Hex.Of(SHA256.HashData(challenge));
        _card.Expect("802A008033" + digestInfo + "00", "6100").Expect("00C0000000", new string('7', 512) + "9000");
        CardResult signed = _jpki.SignChallenge(challenge, 0, 1);
        Assert.True(signed.IsOk);
        Assert.Equal(256, signed.Data!.Length);
        Assert.Equal(4, _jpki.Channel.ApduCount); // SELECT AP, SELECT key, SIGN, GET RESPONSE
    }

    [Theory]
    [InlineData("63C2", CardStatus.WrongPin, 2)]
    [InlineData("63C1", CardStatus.WrongPin, 1)]
    [InlineData("63C0", CardStatus.Locked, 0)]
    [InlineData("6984", CardStatus.Locked, 0)]
    [InlineData("6983", CardStatus.Locked, 0)]
    [InlineData("9000", CardStatus.Ok, -1)]
    [InlineData("6F00", CardStatus.UnexpectedStatus, -1)]
    public void Verify_maps_every_answer(string sw, CardStatus status, int tries)
    {
        Opened();
        _card.Expect(SelectPin, "9000").Expect(VerifyPin1234, sw);
        CardResult result = _jpki.VerifyPin(Pin("1234"), 0, 4);
        Assert.Equal(status, result.Status);
        Assert.Equal(tries, result.TriesLeft);
        Assert.Equal(Convert.ToInt32(sw, 16), result.StatusWord);
    }

    [Theory]
    [InlineData("63C3", CardStatus.Ok, 3)]
    [InlineData("63C1", CardStatus.Ok, 1)]
    [InlineData("63C0", CardStatus.Locked, 0)]
    [InlineData("6984", CardStatus.Locked, 0)]
    [InlineData("6A82", CardStatus.UnexpectedStatus, -1)]
    public void Tries_query_maps_every_answer(string sw, CardStatus status, int tries)
    {
        Opened();
        _card.Expect(SelectPin, "9000").Expect(TriesQuery, sw);
        CardResult result = _jpki.QueryPinTriesLeft();
        Assert.Equal(status, result.Status);
        Assert.Equal(tries, result.TriesLeft);
    }

    [Theory]
    [InlineData("123")]
    [InlineData("12345")]
    [InlineData("12a4")]
    [InlineData("12 4")]
    public void A_malformed_PIN_never_reaches_the_card(string pin)
    {
        Opened();
        Assert.Equal(CardStatus.PinFormatInvalid, _jpki.VerifyPin(Pin(pin), 0, pin.Length).Status);
        Assert.Single(_card.Sent);
    }

    [Fact]
    public void The_PIN_copy_in_the_command_buffer_is_wiped_after_VERIFY()
    {
        Opened();
        _card.Expect(SelectPin, "9000").Expect(VerifyPin1234, "63C2");
        _jpki.VerifyPin(Pin("1234"), 0, 4);
        byte[] buffer = _card.CommandBuffers[^1];
        Assert.All(buffer, b => Assert.Equal(0, b));
        Assert.Contains(VerifyPin1234, _card.Sent);
    }

    [Fact]
    public void Signing_before_VERIFY_is_security_not_satisfied()
    {
        Opened();
        _card.Expect(SelectKey, "9000");
        byte[] challenge = { 9, 9 };
        string digestInfo = "3031300D060960864801650304020105000420" + Hex.Of(SHA256.HashData(challenge));
        _card.Expect("802A008033" + digestInfo + "00", "6982");
        Assert.Equal(CardStatus.SecurityNotSatisfied, _jpki.SignChallenge(challenge, 0, 2).Status);
    }

    [Fact]
    public void Another_card_is_not_a_My_Number_Card()
    {
        _card.Expect(SelectAp, "6A82");
        CardResult result = _jpki.Open();
        Assert.Equal(CardStatus.NotMyNumberCard, result.Status);
        Assert.Equal(0x6A82, result.StatusWord);
        Assert.Equal(CardStatus.NoCard, _jpki.ReadAuthCertificate().Status);
    }

    [Theory]
    [InlineData(TransportStatus.NoCard, CardStatus.NoCard)]
    [InlineData(TransportStatus.Timeout, CardStatus.Timeout)]
    [InlineData(TransportStatus.ReaderError, CardStatus.ReaderError)]
    public void Open_maps_transport_failures(TransportStatus transport, CardStatus expected)
    {
        _card.ConnectStatus = transport;
        Assert.Equal(expected, _jpki.Open().Status);
        Assert.Empty(_card.Sent);
    }

    [Fact]
    public void Card_pulled_during_the_certificate_read_is_reported_as_removed()
    {
        byte[] cert = FakeCertificate(1300);
        Opened();
        _card.Expect(SelectCert, "9000").Expect("00B0000000", Hex.Of(cert, 0, 256) + "9000")
            .ExpectFault("00B0010000", TransportStatus.CardRemoved);
        CardResult result = _jpki.ReadAuthCertificate();
        Assert.Equal(CardStatus.CardRemoved, result.Status);
        Assert.Null(result.Data);
        Assert.Equal(CardStatus.NoCard, _jpki.QueryPinTriesLeft().Status);
    }

    [Fact]
    public void Card_pulled_during_signing_is_reported_as_removed()
    {
        Opened();
        byte[] challenge = { 3 };
        string digestInfo = "3031300D060960864801650304020105000420" + Hex.Of(SHA256.HashData(challenge));
        _card.Expect(SelectKey, "9000").ExpectFault("802A008033" + digestInfo + "00", TransportStatus.CardRemoved);
        Assert.Equal(CardStatus.CardRemoved, _jpki.SignChallenge(challenge, 0, 1).Status);
    }

    [Fact]
    public void A_timeout_is_a_value_and_the_EF_is_selected_again_afterwards()
    {
        Opened();
        _card.Expect(SelectPin, "9000").ExpectFault(TriesQuery, TransportStatus.Timeout)
            .Expect(SelectPin, "9000").Expect(TriesQuery, "63C3");
        Assert.Equal(CardStatus.Timeout, _jpki.QueryPinTriesLeft().Status);
        Assert.Equal(3, _jpki.QueryPinTriesLeft().TriesLeft);
    }

    [Theory]
    [InlineData("3182")]
    [InlineData("3080")]
    [InlineData("3000")]
    [InlineData("0482")]
    public void A_file_that_is_not_a_DER_certificate_is_unexpected(string firstBytes)
    {
        Opened();
        _card.Expect(SelectCert, "9000").Expect("00B0000000", firstBytes + "0010" + "9000");
        Assert.Equal(CardStatus.UnexpectedStatus, _jpki.ReadAuthCertificate().Status);
    }

    [Fact]
    public void Release_forgets_the_session()
    {
        Opened();
        _jpki.Release();
        Assert.Equal(1, _card.Releases);
        Assert.Equal(CardStatus.NoCard, _jpki.VerifyPin(Pin("1234"), 0, 4).Status);

        // A released card still lying on the reader is found by a fresh activation, which is released again at once.
        int sentBefore = _card.Sent.Count;
        Assert.True(_jpki.IsPresent());
        Assert.Equal(2, _card.Releases);
        _card.ConnectStatus = TransportStatus.NoCard;
        Assert.False(_jpki.IsPresent());
        Assert.Equal(sentBefore, _card.Sent.Count); // presence never sends an APDU to a released card
    }
}
