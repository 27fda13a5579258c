using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kiosk.Firmware.Core.Card;
using Kiosk.Firmware.Core.Card.Jpki;
using Kiosk.Firmware.Core.Card.Pn532;
using Kiosk.Hardware.Emulator.Pki;
using Kiosk.Hardware.Emulator.Pn532;

namespace Kiosk.Firmware.Core.Tests.CardStack;

/// <summary>The core card stack against the PN532 emulator and the virtual My Number Card, in memory.</summary>
public class EmulatedSessionTests
{
    private static readonly JpkiTestPki Pki = JpkiTestPki.Create();

    private static byte[] Pin(string digits) => System.Text.Encoding.ASCII.GetBytes(digits);

    [Fact]
    public void Full_session_reads_the_certificate_verifies_and_signs()
    {
        using var reader = new EmulatedReader("tanaka-hanako");
        var card = reader.Card;
        Assert.Equal(CardStatus.Ok, card.Open().Status);
        Assert.Equal("JPKIAPICCTOKEN2", System.Text.Encoding.ASCII.GetString(card.ReadToken().Data!).TrimEnd(' ', '\0'));
        CardResult cert = card.ReadAuthCertificate();
        Assert.Equal(CardStatus.Ok, cert.Status);
        Assert.Equal(Pki.Resident("tanaka-hanako").AuthCertificateDer, cert.Data);
        Assert.Equal(3, card.QueryPinTriesLeft().TriesLeft);
        Assert.Equal(CardStatus.Ok, card.VerifyPin(Pin("1234"), 0, 4).Status);
        byte[] challenge = RandomNumberGenerator.GetBytes(32);
        CardResult signed = card.SignChallenge(challenge, 0, challenge.Length);
        Assert.Equal(CardStatus.Ok, signed.Status);
        using var x509 = X509CertificateLoader.LoadCertificate(cert.Data!);
        using RSA rsa = x509.GetRSAPublicKey()!;
        Assert.True(rsa.VerifyData(challenge, signed.Data!, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        Assert.Equal(0x32, reader.Device.FirmwareIc);
        Assert.True(card.IsPresent());
        card.Release();
        // Released, the card lost its PIN state, yet it still lies on the reader: the terminal must keep waiting.
        Assert.True(card.IsPresent());
        Assert.Equal(CardStatus.SecurityNotSatisfied, SignAfterReopen(card));
        reader.Emulator.RemoveCard();
        Assert.False(card.IsPresent());
    }

    private static CardStatus SignAfterReopen(JpkiCard card)
    {
        Assert.True(card.Open().IsOk);
        byte[] challenge = { 9, 8, 7 };
        CardStatus status = card.SignChallenge(challenge, 0, challenge.Length).Status;
        card.Release();
        return status;
    }

    [Fact]
    public void A_card_never_released_and_never_opened_is_not_reported_present()
    {
        using var reader = new EmulatedReader("tanaka-hanako");
        Assert.False(reader.Card.IsPresent());
    }

    [Fact]
    public void Second_session_after_release_starts_clean()
    {
        using var reader = new EmulatedReader("tanaka-hanako");
        Assert.True(reader.Card.Open().IsOk);
        Assert.True(reader.Card.VerifyPin(Pin("1234"), 0, 4).IsOk);
        reader.Card.Release();
        Assert.True(reader.Card.Open().IsOk);
        Assert.Equal(3, reader.Card.QueryPinTriesLeft().TriesLeft);
        byte[] challenge = { 1, 2, 3 };
        Assert.Equal(CardStatus.SecurityNotSatisfied, reader.Card.SignChallenge(challenge, 0, 3).Status);
    }

    [Fact]
    public void Wrong_PIN_reports_tries_left_and_the_last_wrong_one_locks()
    {
        using var reader = new EmulatedReader("kim-minjun"); // 2 tries left
        Assert.True(reader.Card.Open().IsOk);
        CardResult first = reader.Card.VerifyPin(Pin("0000"), 0, 4);
        Assert.Equal(CardStatus.WrongPin, first.Status);
        Assert.Equal(1, first.TriesLeft);
        CardResult second = reader.Card.VerifyPin(Pin("0000"), 0, 4);
        Assert.Equal(CardStatus.Locked, second.Status);
        Assert.Equal(CardStatus.Locked, reader.Card.VerifyPin(Pin("1111"), 0, 4).Status);
        Assert.Equal(CardStatus.Locked, reader.Card.QueryPinTriesLeft().Status);
        Assert.Equal(0, reader.VirtualCard!.AuthPinTriesLeft);
    }

    [Fact]
    public void A_locked_card_says_so_before_any_PIN_is_tried()
    {
        using var reader = new EmulatedReader("sato-kenji");
        Assert.True(reader.Card.Open().IsOk);
        CardResult tries = reader.Card.QueryPinTriesLeft();
        Assert.Equal(CardStatus.Locked, tries.Status);
        Assert.Equal(0, tries.TriesLeft);
    }

    [Fact]
    public void A_transit_card_is_not_a_My_Number_Card()
    {
        using var reader = new EmulatedReader("transit-card");
        Assert.Equal(CardStatus.NotMyNumberCard, reader.Card.Open().Status);
    }

    [Fact]
    public void An_empty_field_is_no_card()
    {
        using var reader = new EmulatedReader(profileId: null);
        Assert.Equal(CardStatus.NoCard, reader.Card.Open().Status);
    }

    [Fact]
    public void Card_pulled_during_the_certificate_read()
    {
        using var reader = new EmulatedReader();
        Assert.True(reader.Card.Open().IsOk);
        reader.Line.FaultBefore("4001 00B00200", new Pn532Fault(Pn532FaultKind.CardRemovedMidExchange));
        Assert.Equal(CardStatus.CardRemoved, reader.Card.ReadAuthCertificate().Status);
        Assert.False(reader.Card.IsPresent());
        Assert.Equal(CardStatus.NoCard, reader.Card.Open().Status);
    }

    [Fact]
    public void Card_pulled_during_signing()
    {
        using var reader = new EmulatedReader();
        Assert.True(reader.Card.Open().IsOk);
        Assert.True(reader.Card.VerifyPin(Pin("1234"), 0, 4).IsOk);
        reader.Line.FaultBefore("4001 802A0080", new Pn532Fault(Pn532FaultKind.CardRemovedMidExchange));
        CardResult signed = reader.Card.SignChallenge(new byte[] { 7 }, 0, 1);
        Assert.Equal(CardStatus.CardRemoved, signed.Status);
        Assert.Null(signed.Data);
    }

    [Fact]
    public void A_corrupted_answer_is_asked_for_again()
    {
        using var reader = new EmulatedReader();
        Assert.True(reader.Card.Open().IsOk);
        reader.Line.FaultBefore("4001 00B00000", new Pn532Fault(Pn532FaultKind.CorruptResponse));
        Assert.Equal(Pki.Resident("tanaka-hanako").AuthCertificateDer, reader.Card.ReadAuthCertificate().Data);
    }

    [Fact]
    public void A_NACKed_command_is_sent_again()
    {
        using var reader = new EmulatedReader();
        Assert.True(reader.Card.Open().IsOk);
        int framesBefore = reader.Device.FramesSent;
        reader.Line.FaultBefore("4001 00200080", new Pn532Fault(Pn532FaultKind.NackInsteadOfAck));
        Assert.Equal(3, reader.Card.QueryPinTriesLeft().TriesLeft);
        Assert.Equal(3, reader.Device.FramesSent - framesBefore); // SELECT EF, query (NACKed), query again
        Assert.Equal(3, reader.VirtualCard!.AuthPinTriesLeft);
    }

    [Fact]
    public void A_late_answer_times_out_and_is_never_taken_for_the_next_one()
    {
        var timeouts = new Pn532Timeouts { ExchangeMs = 150 };
        using var reader = new EmulatedReader("tanaka-hanako", timeouts);
        Assert.True(reader.Card.Open().IsOk);
        reader.Line.FaultBefore("4001 00A4020C020018", new Pn532Fault(Pn532FaultKind.LateAnswer, TimeSpan.FromMilliseconds(400)));
        Assert.Equal(CardStatus.Timeout, reader.Card.QueryPinTriesLeft().Status);
        Thread.Sleep(400);
        CardResult cert = reader.Card.ReadAuthCertificate();
        Assert.Equal(CardStatus.Ok, cert.Status);
        Assert.Equal(Pki.Resident("tanaka-hanako").AuthCertificateDer, cert.Data);
        Assert.Equal(3, reader.Card.QueryPinTriesLeft().TriesLeft);
    }

    [Fact]
    public void A_card_that_goes_silent_but_stays_is_a_timeout_not_a_removal()
    {
        using var reader = new EmulatedReader();
        Assert.True(reader.Card.Open().IsOk);
        reader.Line.FaultBefore("4001 00A4020C02000A", new Pn532Fault(Pn532FaultKind.RfTimeout));
        Assert.Equal(CardStatus.Timeout, reader.Card.ReadAuthCertificate().Status);
        Assert.True(reader.Card.IsPresent());
        Assert.True(reader.Card.ReadAuthCertificate().IsOk);
    }
}
