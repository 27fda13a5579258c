using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Kiosk.Firmware.Core.Bridge.Json;
using Kiosk.Firmware.Core.Card;
using Kiosk.Firmware.Core.Card.Jpki;
using Kiosk.Firmware.Core.Card.Pn532;
using Kiosk.HostBridge.Printing.Ipp;

namespace Kiosk.EndToEnd.Tests.Fuzz;

/// <summary>Hostile bytes for every parser the terminal core and the bridge's printer client have: typed outcomes only, no hang.</summary>
public sealed class CoreParserFuzzTests
{
    private static readonly byte[] Certificate = MakeCertificate();

    private static byte[] MakeCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=fuzz, C=JP", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1)).RawData;
    }

    private static byte[] Frame(byte tfi, params byte[] data)
    {
        var frame = new byte[data.Length + 16];
        var n = Pn532Frame.Encode(frame, 0, tfi, data, 0, data.Length);
        return frame[..n];
    }

    [Fact]
    public void Pn532_frames()
    {
        var ack = new byte[6];
        Pn532Frame.EncodeAck(ack, 0);
        byte[][] samples =
        [
            ack, Frame(0xD5, 0x03, 0x32, 0x01, 0x06, 0x07), Frame(0xD5, 0x41, 0x00, 0x90, 0x00), Frame(0xD5, [0x41, 0x00, .. Certificate[..250], 0x90, 0x00]),
            Frame(0x7F), [.. ack, .. Frame(0xD5, 0x4B, 0x01, 0x01, 0x50, 1, 2, 3, 4, 0, 0, 0, 0, 0, 0x81, 0x81)],
        ];
        var report = FuzzRunner.Run("PN532 frames", FuzzRunner.Inputs(30_000), samples, input =>
        {
            var clock = new FuzzClock();
            var reader = new Pn532FrameReader(new FuzzByteStream(input, clock), clock, 300);
            var frames = 0;
            Pn532FrameKind kind;
            while ((kind = reader.Read(clock.MonotonicMs + 10)) != Pn532FrameKind.Timeout)
            {
                Assert.True(Enum.IsDefined(kind));
                Assert.InRange(reader.BodyLength, 0, 300);
                Assert.True(++frames <= input.Length, "more frames than bytes");
            }
        }, _ => false);
        Assert.True(report.Inputs > 0);
    }

    [Fact]
    public void Apdu_responses_to_the_jpki_card_driver()
    {
        byte[] ok = [0x90, 0x00];
        byte[][] samples =
        [
            FuzzCardTransport.Script(ok, ok, [.. Certificate[..4], .. ok], [.. Certificate, .. ok], ok, [0x63, 0xC3], ok, [.. new byte[256], .. ok]),
            FuzzCardTransport.Script(ok, ok, [0x61, 0x10], [.. Certificate[..16], .. ok], [0x6C, 0x04], [0x63, 0xC1], [0x69, 0x84]),
            FuzzCardTransport.Script([0x6A, 0x82], ok, [0x67, 0x00], [0x6B, 0x00]),
        ];
        var challenge = RandomNumberGenerator.GetBytes(32);
        var pin = Encoding.ASCII.GetBytes("1234");
        FuzzRunner.Run("APDU responses", FuzzRunner.Inputs(20_000), samples, input =>
        {
            var transport = new FuzzCardTransport(input);
            var card = new JpkiCard(transport);
            foreach (var result in new Func<CardResult>[] { card.Open, card.ReadAuthCertificate, card.QueryPinTriesLeft, () => card.VerifyPin(pin, 0, 4),
                         () => card.SignChallenge(challenge, 0, challenge.Length) }.Select(f => f()))
                Assert.True(Enum.IsDefined(result.Status));
            Assert.True(transport.Answers <= input.Length / 2 + 1);
        }, _ => false);
    }

    [Fact]
    public void Der_headers_of_certificates()
    {
        FuzzRunner.Run("DER headers (core)", FuzzRunner.Inputs(50_000), [Certificate[..8], Certificate[..4], [0x30, 0x81, 0x80], [0x30, 0x84, 0xFF, 0xFF, 0xFF, 0xFF]],
            input =>
            {
                var total = DerHeader.TotalLength(input, 0, input.Length);
                var header = DerHeader.HeaderLength(input, 0, input.Length);
                // Any length is the caller's to bound (JpkiCard.MaxCertificateLength); here only: no overflow, never shorter than its header.
                Assert.True(total == -1 || (total >= 2 && total >= header), "total " + total);
                // Bytes needed to learn the length: 2 until the long form says how many more.
                Assert.True(header >= 2 && header <= 2 + 127, "header " + header);
            }, _ => false);
    }

    [Fact]
    public void Json_reader_of_the_core()
    {
        string[] protocol =
        [
            """{"sessionId":"0f3a","challenge":"AAECAwQ=","expiresAt":"2026-03-22T10:00:00Z","ttlSeconds":180}""",
            """{"municipalityCode":"131016","municipalityName":"Chiyoda","receiptCode":"AB12C-DE34F"}""",
            """{"products":[{"code":"juminhyo","available":true,"reason":null,"price":200,"maxCopies":3,"options":[{"code":"honseki","required":false}],"members":[{"id":"m1","relation":"self","self":true}]}]}""",
            """{"type":"about:blank","title":"x","status":409,"code":"challenge-used","retryable":false}""",
            """[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["deep"]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]""",
            "\"\\u00e9\\ud83d\\ude00\\n\"", "-9223372036854775808", "true",
        ];
        FuzzRunner.Run("JSON (core reader)", FuzzRunner.Inputs(50_000), protocol.Select(Encoding.UTF8.GetBytes).ToList(),
            input => JsonReader.Parse(input, 0, input.Length), e => e is JsonException);
    }

    [Fact]
    public void Ipp_responses_to_the_bridge()
    {
        var m = new IppMessage(0, 7);
        m.AddGroup(IppTag.OperationAttributes)
            .Add("attributes-charset", IppValue.String(IppTag.Charset, "utf-8"))
            .Add("attributes-natural-language", IppValue.String(IppTag.NaturalLanguage, "en"));
        m.AddGroup(IppTag.JobAttributes)
            .Add("job-id", IppValue.Integer(5))
            .Add("job-state", IppValue.Enum(9))
            .Add("job-name", IppValue.String(IppTag.Name, "order-o1-doc-d1"));
        m.AddGroup(IppTag.PrinterAttributes)
            .Add("printer-state", IppValue.Enum(3))
            .Add("printer-state-reasons", IppValue.String(IppTag.Keyword, "media-empty"))
            .Add("printer-is-accepting-jobs", IppValue.Boolean(true));
        FuzzRunner.Run("IPP responses", FuzzRunner.Inputs(50_000), [IppEncoder.Encode(m), IppEncoder.Encode(new IppMessage(0x0400, 1))],
            input => IppDecoder.Decode(input), e => e is IppFormatException);
    }
}
