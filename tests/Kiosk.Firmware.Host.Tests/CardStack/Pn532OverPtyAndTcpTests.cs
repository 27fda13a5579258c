using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kiosk.Firmware.Core.Card;
using Kiosk.Firmware.Core.Card.Jpki;
using Kiosk.Firmware.Core.Card.Pn532;
using Kiosk.Firmware.Core.Hardware;
using Kiosk.Firmware.Host.Streams;
using Kiosk.Firmware.Host.Timing;
using Kiosk.Hardware.Emulator.Pki;
using Kiosk.Hardware.Emulator.Pn532;
using Kiosk.TestSupport;

namespace Kiosk.Firmware.Host.Tests.CardStack;

/// <summary>The core card stack through the host transports: a real socat pty pair and a real TCP socket to the PN532 emulator.</summary>
public class Pn532OverPtyAndTcpTests
{
    private static readonly JpkiTestPki Pki = JpkiTestPki.Create();

    // A shared, heavily loaded test machine can stall a thread for hundreds of ms; a real PN532 ACKs in about 1 ms.
    private static Pn532Timeouts HostTimeouts => new() { AckMs = 1000, CommandMs = 2000 };

    private static byte[] Pin(string digits) => System.Text.Encoding.ASCII.GetBytes(digits);

    private static void FullSession(IByteStream line, string profile, string pin)
    {
        var card = new JpkiCard(new Pn532CardTransport(new Pn532(line, new HostClock(), HostTimeouts)));
        Assert.Equal(CardStatus.Ok, card.Open().Status);
        CardResult cert = card.ReadAuthCertificate();
        Assert.Equal(Pki.Resident(profile).AuthCertificateDer, cert.Data);
        Assert.Equal(CardStatus.Ok, card.QueryPinTriesLeft().Status);
        Assert.Equal(CardStatus.Ok, card.VerifyPin(Pin(pin), 0, 4).Status);
        byte[] challenge = RandomNumberGenerator.GetBytes(32);
        CardResult signed = card.SignChallenge(challenge, 0, challenge.Length);
        Assert.Equal(CardStatus.Ok, signed.Status);
        using var x509 = X509CertificateLoader.LoadCertificate(cert.Data!);
        Assert.True(x509.GetRSAPublicKey()!.VerifyData(challenge, signed.Data!, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        card.Release();
    }

    [Fact]
    public void Full_session_over_a_socat_pty()
    {
        using var pty = SocatPtyPair.Start();
        using var device = new EmulatedPn532(new FileStream(pty.DevicePath, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite, 1), "tanaka-hanako");
        using var line = SerialByteStream.Open(pty.HostPath);
        FullSession(line, "tanaka-hanako", "1234");
        Assert.Null(line.LastError);
    }

    [Fact]
    public void Card_pulled_over_a_pty_is_seen_as_removed()
    {
        using var pty = SocatPtyPair.Start();
        using var device = new EmulatedPn532(new FileStream(pty.DevicePath, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite, 1), "tanaka-hanako");
        using var line = SerialByteStream.Open(pty.HostPath);
        var card = new JpkiCard(new Pn532CardTransport(new Pn532(line, new HostClock(), HostTimeouts)));
        Assert.True(card.Open().IsOk);
        Assert.True(card.IsPresent());
        device.Emulator.RemoveCard();
        Assert.False(card.IsPresent());
        Assert.Equal(CardStatus.CardRemoved, card.ReadAuthCertificate().Status);
    }

    [Fact]
    public void A_pty_whose_far_end_never_answers_is_a_reader_error_not_a_hang()
    {
        using var pty = SocatPtyPair.Start();
        using var line = SerialByteStream.Open(pty.HostPath);
        var card = new JpkiCard(new Pn532CardTransport(new Pn532(line, new HostClock(), new Pn532Timeouts { AckMs = 50, CommandAttempts = 2 })));
        Assert.Equal(CardStatus.ReaderError, card.Open().Status);
    }

    [Fact]
    public async Task Full_session_over_TCP()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var accepted = listener.AcceptTcpClientAsync();
        using var line = (TcpByteStream)Pn532Link.Open("tcp:127.0.0.1:" + port);
        using TcpClient client = await accepted;
        listener.Stop();
        using var device = new EmulatedPn532(client.GetStream(), "nguyen-van-an");
        FullSession(line, "nguyen-van-an", "2580");
    }

    [Fact]
    public void A_corrupted_frame_over_a_pty_is_NACKed_and_recovered()
    {
        using var pty = SocatPtyPair.Start();
        using var device = new EmulatedPn532(new FileStream(pty.DevicePath, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite, 1), "tanaka-hanako");
        using var line = SerialByteStream.Open(pty.HostPath);
        var card = new JpkiCard(new Pn532CardTransport(new Pn532(line, new HostClock(), HostTimeouts)));
        Assert.True(card.Open().IsOk);
        device.Emulator.InjectFault(new Pn532Fault(Pn532FaultKind.CorruptResponse));
        Assert.Equal(3, card.QueryPinTriesLeft().TriesLeft);
    }

    [Fact]
    public void Link_addresses_are_checked()
    {
        Assert.Throws<ArgumentException>(() => Pn532Link.Open("tcp:nohost"));
        Assert.Throws<ArgumentException>(() => Pn532Link.Open("tcp:127.0.0.1:99999"));
        Assert.Throws<IOException>(() => Pn532Link.Open("/nonexistent/tty"));
        Assert.Throws<ArgumentException>(() => SerialByteStream.Open("/dev/null", 12345));
    }
}
