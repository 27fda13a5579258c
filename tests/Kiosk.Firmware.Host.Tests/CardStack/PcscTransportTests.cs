using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kiosk.Firmware.Core.Card;
using Kiosk.Firmware.Core.Card.Jpki;
using Kiosk.Firmware.Host.Pcsc;
using Kiosk.Hardware.Emulator.Pki;

namespace Kiosk.Firmware.Host.Tests.CardStack;

/// <summary>The same JPKI client over PC/SC: libpcsclite → a real pcscd → vpcd → the virtual card.</summary>
public sealed class PcscTransportTests(PcscdFixture fixture) : IClassFixture<PcscdFixture>
{
    private static readonly JpkiTestPki Pki = JpkiTestPki.Create();

    private static byte[] Pin(string digits) => System.Text.Encoding.ASCII.GetBytes(digits);

    [Fact]
    public void Full_session_over_PCSC_by_reader_name()
    {
        using var inserted = new InsertedCard(fixture.Pcscd, "tanaka-hanako");
        using var transport = new PcscCardTransport(fixture.Pcscd.ReaderName);
        Assert.Contains(fixture.Pcscd.ReaderName, transport.ListReaders());
        var card = new JpkiCard(transport);
        Assert.Equal(CardStatus.Ok, card.Open().Status);
        Assert.Equal(fixture.Pcscd.ReaderName, transport.ReaderName);
        CardResult cert = card.ReadAuthCertificate();
        Assert.Equal(Pki.Resident("tanaka-hanako").AuthCertificateDer, cert.Data);
        Assert.Equal(3, card.QueryPinTriesLeft().TriesLeft);
        Assert.Equal(CardStatus.Ok, card.VerifyPin(Pin("1234"), 0, 4).Status);
        byte[] challenge = RandomNumberGenerator.GetBytes(32);
        CardResult signed = card.SignChallenge(challenge, 0, challenge.Length);
        Assert.Equal(CardStatus.Ok, signed.Status);
        using var x509 = X509CertificateLoader.LoadCertificate(cert.Data!);
        Assert.True(x509.GetRSAPublicKey()!.VerifyData(challenge, signed.Data!, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        Assert.True(card.IsPresent());
        Assert.Equal(card.Channel.ApduCount, inserted.ApdusAnswered);
        card.Release();
        Assert.True(card.IsPresent()); // released but still in the reader: the terminal waits until it is taken
        inserted.Remove();
        Assert.False(card.IsPresent());
    }

    [Fact]
    public void Without_a_name_the_first_reader_holding_a_card_is_used_and_wrong_PINs_count_down()
    {
        using var inserted = new InsertedCard(fixture.Pcscd, "kim-minjun");
        using var transport = new PcscCardTransport();
        var card = new JpkiCard(transport);
        Assert.True(card.Open().IsOk);
        Assert.Equal(fixture.Pcscd.ReaderName, transport.ReaderName);
        CardResult wrong = card.VerifyPin(Pin("0000"), 0, 4);
        Assert.Equal(CardStatus.WrongPin, wrong.Status);
        Assert.Equal(1, wrong.TriesLeft);
        Assert.Equal(CardStatus.Locked, card.VerifyPin(Pin("0000"), 0, 4).Status);
        Assert.Equal(CardStatus.Locked, card.QueryPinTriesLeft().Status);
    }

    [Fact]
    public void A_card_pulled_mid_session_is_reported_removed()
    {
        using var inserted = new InsertedCard(fixture.Pcscd, "tanaka-hanako");
        using var transport = new PcscCardTransport(fixture.Pcscd.ReaderName);
        var card = new JpkiCard(transport);
        Assert.True(card.Open().IsOk);
        inserted.Remove();
        Assert.False(card.IsPresent());
        Assert.Equal(CardStatus.CardRemoved, card.ReadAuthCertificate().Status);
    }

    [Fact]
    public void An_empty_reader_is_no_card_and_an_unknown_reader_is_no_reader()
    {
        using (var transport = new PcscCardTransport(fixture.Pcscd.ReaderName))
        {
            Assert.Equal(CardStatus.NoCard, new JpkiCard(transport).Open().Status);
            Assert.False(transport.NoReader);
        }

        using (var transport = new PcscCardTransport("No Such Reader"))
        {
            Assert.Equal(CardStatus.ReaderError, new JpkiCard(transport).Open().Status);
            Assert.True(transport.NoReader);
            Assert.Equal("no reader named \"No Such Reader\"", transport.LastError);
        }
    }

    [Fact]
    public void A_transit_card_in_a_PCSC_reader_is_not_a_My_Number_Card()
    {
        using var inserted = new InsertedCard(fixture.Pcscd, "transit-card");
        using var transport = new PcscCardTransport(fixture.Pcscd.ReaderName);
        Assert.Equal(CardStatus.NotMyNumberCard, new JpkiCard(transport).Open().Status);
    }
}
