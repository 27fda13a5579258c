using System.Diagnostics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kiosk.Hardware.Emulator.Card;
using Kiosk.Hardware.Emulator.Pn532;
using static Kiosk.Hardware.Emulator.Tests.Card.Apdus;

namespace Kiosk.Hardware.Emulator.Tests.Pn532;

public class Pn532EmulatorTests
{
    private static Pn532TestHost WithCard(string profile = "tanaka-hanako", Pn532Timing? timing = null)
    {
        var h = new Pn532TestHost(timing);
        h.Emulator.PlaceCard(VirtualMyNumberCard.ForProfile(profile));
        return h;
    }

    private static void List(Pn532TestHost h)
    {
        var r = h.Command(0x4A, 0x01, 0x03, 0x00);
        Assert.Equal(0x01, r[0]);
    }

    [Fact]
    public void Wake_up_preamble_then_sam_configuration_like_libnfc()
    {
        using var h = new Pn532TestHost();
        h.SendRaw([0x55, 0x55, .. new byte[14], .. Pn532TestHost.Frame(0x14, 0x01)]);
        h.ExpectAck();
        Assert.Equal(new byte[] { 0xD5, 0x15 }, h.ReadFrame());
        Assert.Equal(new byte[] { 0x32, 0x01, 0x06, 0x07 }, h.Command(0x02));
        Assert.Equal("libnfc"u8.ToArray().Prepend((byte)0).ToArray(), h.Command(0x00, [0x00, .. "libnfc"u8.ToArray()]));
        Assert.Equal(new byte[] { 0x00 }, h.Command(0x00, 0x01));
        Assert.Empty(h.Command(0x12, 0x14));
    }

    [Fact]
    public void Registers_remember_written_values()
    {
        using var h = new Pn532TestHost();
        Assert.Equal(new byte[] { 0, 0 }, h.Command(0x06, 0x63, 0x02, 0x63, 0x03));
        Assert.Empty(h.Command(0x08, 0x63, 0x02, 0x80, 0x63, 0x03, 0x80));
        Assert.Equal(new byte[] { 0x80, 0x80, 0x00 }, h.Command(0x06, 0x63, 0x02, 0x63, 0x03, 0x63, 0x05));
        Assert.Equal(0x80, h.Emulator.Register(0x6302));
    }

    [Fact]
    public void Lists_the_type_b_card_with_atqb_and_attrib_res()
    {
        using var h = WithCard();
        var r = h.Command(0x4A, 0x01, 0x03, 0x00);
        Assert.Equal(H("01 01 50 12345678 00000000 008181 01 00"), r);
        Assert.Equal(new byte[] { 0x00 }, h.Command(0x4A, 0x01, 0x00)); // type A: nothing
        var status = h.Command(0x04);
        Assert.Equal(new byte[] { 0x00, 0x01, 0x01, 0x01, 0x00, 0x00, 0x03, 0x00 }, status);
    }

    [Fact]
    public void No_card_answers_no_target_with_finite_retries_and_waits_with_ff()
    {
        using var h = new Pn532TestHost();
        Assert.Empty(h.Command(0x32, 0x05, 0x00, 0x01, 0x02));
        Assert.Equal(new byte[] { 0x00 }, h.Command(0x4A, 0x01, 0x03, 0x00));
        Assert.Empty(h.Command(0x32, 0x05, 0xFF, 0xFF, 0xFF));
        h.SendRaw(Pn532TestHost.Frame(0x4A, 0x01, 0x03, 0x00));
        h.ExpectAck();
        Assert.Empty(h.ReadBytes(1, 200)); // still polling
        h.Emulator.PlaceCard(VirtualMyNumberCard.ForProfile("smith-emily"));
        var body = h.ReadFrame();
        Assert.Equal(H("D54B 01 01 50 5EEDBEEF"), body[..9]);
    }

    [Fact]
    public void Host_ack_aborts_an_endless_poll()
    {
        using var h = new Pn532TestHost();
        h.SendRaw(Pn532TestHost.Frame(0x60, 0xFF, 0x02, 0x20, 0x10, 0x03));
        h.ExpectAck();
        h.SendRaw(H("0000FF00FF00"));
        Thread.Sleep(50);
        h.Emulator.PlaceCard(VirtualMyNumberCard.ForProfile("tanaka-hanako"));
        Assert.Empty(h.ReadBytes(1, 200));
        Assert.Equal(new byte[] { 0x32, 0x01, 0x06, 0x07 }, h.Command(0x02));
    }

    [Fact]
    public void Auto_poll_reports_the_type_b_target()
    {
        using var h = WithCard();
        var r = h.Command(0x60, 0x14, 0x02, 0x20, 0x10, 0x03, 0x11, 0x12, 0x04);
        Assert.Equal(H("01 03 0F 01 50 12345678 00000000 008181 01 00"), r);
        using var empty = new Pn532TestHost();
        Assert.Equal(new byte[] { 0x00 }, empty.Command(0x60, 0x02, 0x01, 0x03));
        Assert.InRange(empty.Emulator.ModeledTime, TimeSpan.FromMilliseconds(300), TimeSpan.FromMilliseconds(320)); // 2 polls × 1 × 150 ms
    }

    [Fact]
    public void Data_exchange_reads_a_certificate_and_chains_the_256_byte_signature_with_mi()
    {
        using var h = WithCard();
        List(h);
        Assert.Equal(0x9000, Sw(h.Exchange(SelectJpki).Response));
        Assert.Equal(0x9000, Sw(h.Exchange(SelectEf(0x0018)).Response));
        Assert.Equal(0x9000, Sw(h.Exchange(Verify("1234")).Response));
        Assert.Equal(0x9000, Sw(h.Exchange(SelectEf(0x0017)).Response));
        var digest = SHA256.HashData("nonce"u8);
        var (status, response, parts) = h.Exchange(Sign([.. Sha256Prefix, .. digest]));
        Assert.Equal(0x00, status);
        Assert.Equal(2, parts); // 252 + 6
        Assert.Equal(258, response.Length);
        Assert.Equal(0x9000, Sw(response));
        using var key = Kiosk.Hardware.Emulator.Pki.JpkiTestPki.Create().Resident("tanaka-hanako").AuthCertificate.GetRSAPublicKey()!;
        Assert.True(key.VerifyHash(digest, Data(response), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        Assert.True(h.Emulator.ModeledTime >= h.Emulator.Timing.CardRsaSignTime);
    }

    [Fact]
    public void Extended_frames_in_both_directions()
    {
        using var h = WithCard();
        h.Emulator.MaxDataPerResponse = 262;
        List(h);
        h.Exchange(SelectJpki);
        h.Exchange(SelectEf(0x000A));
        // READ BINARY 256 bytes: 256 + SW + D5 41 status = 261 > 255 → extended response frame, no chaining.
        h.SendRaw(Pn532Frames.Encode([0xD4, 0x40, 0x01, .. Read(0, 0)], forceExtended: true));
        h.ExpectAck();
        var body = h.ReadFrame();
        Assert.Equal(0x00, body[2]);
        Assert.Equal(258, body.Length - 3);
    }

    [Fact]
    public void Host_side_chaining_with_mi_bit()
    {
        using var h = WithCard();
        List(h);
        var select = SelectJpki;
        Assert.Equal(new byte[] { 0x00 }, h.Command(0x40, [0x41, .. select[..6]]));
        var r = h.Command(0x40, [0x01, .. select[6..]]);
        Assert.Equal(H("00 9000"), r);
    }

    [Fact]
    public void Corrupt_host_frame_gets_no_ack_and_nack_repeats_the_last_response()
    {
        using var h = new Pn532TestHost();
        var frame = Pn532TestHost.Frame(0x02);
        frame[^2] ^= 0x01;
        h.SendRaw(frame);
        Assert.Empty(h.ReadBytes(1, 150));
        Assert.Equal(1, h.Emulator.CorruptFramesReceived);
        Assert.Equal(new byte[] { 0x32, 0x01, 0x06, 0x07 }, h.Command(0x02));
        h.SendRaw(Pn532Frames.Nack);
        Assert.Equal(H("D503 32010607"), h.ReadFrame());
    }

    [Fact]
    public void Unknown_command_gets_ack_and_error_frame()
    {
        using var h = new Pn532TestHost();
        h.SendRaw(Pn532TestHost.Frame(0x7E, 0x01));
        h.ExpectAck();
        Assert.Equal(Pn532Frames.Error, h.ReadBytes(8));
        h.SendRaw(Pn532TestHost.Frame(0x14)); // SAMConfiguration without mode: syntax error
        h.ExpectAck();
        Assert.Equal(Pn532Frames.Error, h.ReadBytes(8));
    }

    [Fact]
    public void Fault_card_removed_mid_exchange_runs_the_apdu_but_loses_the_answer()
    {
        using var h = WithCard();
        var card = (VirtualMyNumberCard)h.Emulator.Card!;
        List(h);
        h.Exchange(SelectJpki);
        h.Exchange(SelectEf(0x0018));
        h.Emulator.InjectFault(new Pn532Fault(Pn532FaultKind.CardRemovedMidExchange));
        var (status, response, _) = h.Exchange(Verify("9999"));
        Assert.Equal(Pn532Emulator.StatusTimeout, status);
        Assert.Empty(response);
        Assert.Equal(2, card.AuthPinTriesLeft); // the wrong PIN counted although the terminal never saw 63C2
        Assert.Null(h.Emulator.Card);
        Assert.Equal(new byte[] { Pn532Emulator.StatusWrongContext }, h.Command(0x40, [0x01, .. TriesQuery]));
    }

    [Fact]
    public void Fault_rf_timeout_then_recovery()
    {
        using var h = WithCard();
        List(h);
        h.Emulator.InjectFault(new Pn532Fault(Pn532FaultKind.RfTimeout));
        Assert.Equal(new byte[] { 0x01 }, h.Command(0x40, [0x01, .. SelectJpki]));
        Assert.Equal(0x9000, Sw(h.Exchange(SelectJpki).Response));
    }

    [Fact]
    public void Fault_corrupt_response_and_nack_recovers_it()
    {
        using var h = new Pn532TestHost();
        h.Emulator.InjectFault(new Pn532Fault(Pn532FaultKind.CorruptResponse));
        h.SendRaw(Pn532TestHost.Frame(0x02));
        h.ExpectAck();
        var bad = h.ReadBytes(13); // 00 00 FF 06 FA | D5 03 32 01 06 07 | DCS | 00
        byte sum = 0;
        foreach (var b in bad[5..12]) sum += b;
        Assert.NotEqual(0, sum);
        h.SendRaw(Pn532Frames.Nack); // the host asks again; the chip repeats the good frame
        Assert.Equal(H("D503 32010607"), h.ReadFrame());
    }

    [Fact]
    public void Fault_nack_instead_of_ack_and_late_answer()
    {
        using var h = new Pn532TestHost();
        h.Emulator.InjectFault(new Pn532Fault(Pn532FaultKind.NackInsteadOfAck));
        h.SendRaw(Pn532TestHost.Frame(0x02));
        Assert.Equal(Pn532Frames.Nack, h.ReadBytes(6));
        Assert.Empty(h.ReadBytes(1, 100));
        h.Emulator.InjectFault(new Pn532Fault(Pn532FaultKind.LateAnswer, TimeSpan.FromMilliseconds(400)));
        var sw = Stopwatch.StartNew();
        h.SendRaw(Pn532TestHost.Frame(0x02));
        h.ExpectAck();
        Assert.Empty(h.ReadBytes(1, 150)); // a 150 ms host timeout misses it
        Assert.Equal(H("D503 32010607"), h.ReadFrame(1000));
        Assert.True(sw.ElapsedMilliseconds >= 390);
    }

    [Fact]
    public void Deselect_halts_the_card_until_the_field_is_cycled()
    {
        using var h = WithCard();
        List(h);
        Assert.Equal(new byte[] { 0x00 }, h.Command(0x44, 0x00));
        Assert.Empty(h.Command(0x32, 0x05, 0x00, 0x01, 0x02));
        Assert.Equal(new byte[] { 0x00 }, h.Command(0x4A, 0x01, 0x03, 0x00)); // a halted card ignores REQB
        Assert.Empty(h.Command(0x32, 0x01, 0x00));
        Assert.Empty(h.Command(0x32, 0x01, 0x01));
        List(h);
        Assert.Equal(new byte[] { 0x00 }, h.Command(0x52, 0x00));
        Assert.Equal(new byte[] { 0x00 }, h.Command(0x54, 0x01));
        Assert.Equal(0x9000, Sw(h.Exchange(SelectJpki).Response));
        Assert.Equal(new byte[] { 0x01 }, h.Command(0x42, 0x06, 0x00)); // InCommunicateThru: no answer
    }

    [Fact]
    public void Power_down_needs_the_wake_up_preamble()
    {
        using var h = new Pn532TestHost();
        Assert.Equal(new byte[] { 0x00 }, h.Command(0x16, 0xF0));
        Assert.True(h.Emulator.Asleep);
        h.SendRaw(Pn532TestHost.Frame(0x02));
        Assert.Empty(h.ReadBytes(1, 150));
        h.SendRaw([0x55, 0x55, 0, 0, 0, 0, .. Pn532TestHost.Frame(0x02)]);
        h.ExpectAck();
        Assert.Equal(H("D503 32010607"), h.ReadFrame());
    }

    [Fact]
    public void Timing_model_counts_uart_air_and_card_time_without_sleeping()
    {
        var slow = new Pn532Timing { UartBaud = 9600 };
        using var a = WithCard(timing: slow);
        using var b = WithCard();
        foreach (var h in new[] { a, b })
        {
            List(h);
            h.Exchange(SelectJpki);
            h.Exchange(SelectEf(0x000A));
            h.Exchange(Read(0, 0));
        }
        Assert.True(a.Emulator.ModeledTime > b.Emulator.ModeledTime * 5);
        // 256 + 2 bytes back on air alone at 106 kbps is (258 + 5) × 10 / 106000 s ≈ 24.8 ms.
        Assert.True(b.Emulator.ModeledTime > TimeSpan.FromMilliseconds(25));
        var sw = Stopwatch.StartNew();
        using var sign = WithCard(timing: new Pn532Timing { CardRsaSignTime = TimeSpan.FromSeconds(30) });
        List(sign);
        sign.Exchange(SelectJpki);
        sign.Exchange(SelectEf(0x0018));
        sign.Exchange(Verify("1234"));
        sign.Exchange(SelectEf(0x0017));
        sign.Exchange(Sign([.. Sha256Prefix, .. new byte[32]]));
        Assert.True(sign.Emulator.ModeledTime >= TimeSpan.FromSeconds(30));
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(20)); // modeled, not slept
    }

    [Fact]
    public void Log_masks_pin_digits()
    {
        var lines = new List<string>();
        using var h = WithCard();
        h.Emulator.Log = l => { lock (lines) lines.Add(l); };
        List(h);
        h.Exchange(SelectJpki);
        h.Exchange(SelectEf(0x0018));
        h.Exchange(Verify("1234"));
        lock (lines)
        {
            Assert.Contains(lines, l => l.Contains("0020008004********"));
            Assert.DoesNotContain(lines, l => l.Contains("31323334"));
        }
    }

    [Fact]
    public void Random_frames_and_bytes_never_crash_and_the_parser_resyncs()
    {
        var rng = new Random(532);
        using var h = WithCard();
        for (var round = 0; round < 300; round++)
        {
            byte[] junk;
            switch (rng.Next(3))
            {
                case 0:
                    junk = new byte[rng.Next(1, 80)];
                    rng.NextBytes(junk);
                    break;
                case 1:
                    var data = new byte[rng.Next(0, 40)];
                    rng.NextBytes(data);
                    junk = Pn532TestHost.Frame((byte)rng.Next(0, 0x70), data);
                    break;
                default:
                    var apdu = new byte[rng.Next(0, 30)];
                    rng.NextBytes(apdu);
                    junk = Pn532TestHost.Frame(0x40, [0x01, .. apdu]);
                    break;
            }
            if (rng.Next(5) == 0) h.Emulator.PlaceCard(VirtualMyNumberCard.ForProfile("tanaka-hanako"));
            h.SendRaw(junk);
        }
        Assert.Null(h.Host.Failure);
        // Flush any half frame with bytes that cannot start one, then the link must still work.
        h.SendRaw(Enumerable.Repeat((byte)0x01, 300).ToArray());
        h.SendRaw(Pn532Frames.Ack); // aborts a pending poll the junk may have started
        Thread.Sleep(100);
        h.Link.DiscardInput();
        Assert.Equal(new byte[] { 0x32, 0x01, 0x06, 0x07 }, h.Command(0x02));
    }
}
