using Kiosk.Firmware.Core.Card.Pn532;

namespace Kiosk.Firmware.Core.Tests.CardStack;

public class Pn532DriverTests
{
    private readonly ManualClock _clock = new();
    private readonly ScriptedByteStream _line;
    private readonly Pn532 _pn532;

    public Pn532DriverTests()
    {
        _line = new ScriptedByteStream(_clock);
        _pn532 = new Pn532(_line, _clock, new Pn532Timeouts());
    }

    /// <summary>What was written at step <paramref name="i"/>, without the wake-up preamble of the very first command.</summary>
    private string Sent(int i)
    {
        string hex = Hex.Of(_line.Writes[i]);
        return hex.StartsWith("5555", StringComparison.Ordinal) ? hex.Substring(32) : hex;
    }

    private void ScriptInitialize()
    {
        _line.Then(Pn532Frames.AckThen("15"))
            .Then(Pn532Frames.AckThen("03 32 01 06 07"))
            .Then(Pn532Frames.AckThen("33"))
            .Then(Pn532Frames.AckThen("33"));
    }

    [Fact]
    public void Initialize_wakes_the_chip_then_configures_the_SAM_first()
    {
        ScriptInitialize();
        Assert.Equal(Pn532Status.Ok, _pn532.Initialize());

        // Wake-up preamble goes out in the same write as SAMConfiguration normal mode (as libnfc does).
        Assert.Equal("5555" + new string('0', 28) + "0000FF03FDD414011700", Hex.Of(_line.Writes[0]));
        Assert.Equal(Pn532Frames.Command("02"), Sent(1));
        Assert.Equal(Pn532Frames.Command("32 05 FF 01 02"), Sent(2));
        Assert.Equal(Pn532Frames.Command("32 01 01"), Sent(3));
        Assert.Equal(0x32, _pn532.FirmwareIc);
        Assert.Equal(0x0106, _pn532.FirmwareVersion);
    }

    [Fact]
    public void Lists_a_Type_B_target_and_parses_its_ATQB()
    {
        // Recorded answer of the emulated card (peers.md): d5 4b 01 | 01 | 50 12345678 | 00000000 | 00 81 81 | 01 | 00
        _line.Then(Pn532Frames.AckThen("4B 01 01 50 12345678 00000000 008181 01 00"));
        var target = new TypeBTarget();
        Assert.Equal(Pn532Status.Ok, _pn532.ListTypeBTarget(target));
        Assert.Equal(Pn532Frames.Command("4A 01 03 00"), Sent(0));
        Assert.Equal(1, target.TargetNumber);
        Assert.Equal("12345678", Hex.Of(target.Pupi));
        Assert.True(target.Iso14443_4);
        Assert.Equal(256, target.MaxFrameSize);
        Assert.Equal(8, target.Fwi);
        Assert.Equal(302 * 256, target.FrameWaitingTimeUs);
        Assert.Equal(1, target.AttribResponseLength);
    }

    [Fact]
    public void Reports_no_target_when_the_field_is_empty()
    {
        _line.Then(Pn532Frames.AckThen("4B 00"));
        Assert.Equal(Pn532Status.NoTarget, _pn532.ListTypeBTarget(new TypeBTarget()));
    }

    [Fact]
    public void Rejects_a_malformed_ATQB()
    {
        _line.Then(Pn532Frames.AckThen("4B 01 01 51 12345678"));
        Assert.Equal(Pn532Status.UnexpectedResponse, _pn532.ListTypeBTarget(new TypeBTarget()));
    }

    [Fact]
    public void Follows_MI_chaining_and_concatenates_the_answer()
    {
        string part1 = new string('1', 2 * 200);
        string part2 = new string('2', 2 * 56) + "9000";
        _line.Then(Pn532Frames.AckThen("41 40 " + part1)).Then(Pn532Frames.AckThen("41 00 " + part2));
        byte[] apdu = Hex.Bytes("80 2A 00 80 01 AA 00");
        byte[] answer = new byte[300];
        Assert.Equal(Pn532Status.Ok, _pn532.DataExchange(1, apdu, 0, apdu.Length, answer, 0, answer.Length, out int n));
        Assert.Equal(258, n);
        Assert.Equal(Hex.Bytes(part1 + part2), answer.AsSpan(0, n).ToArray());
        Assert.Equal(Pn532Frames.Command("40 01 802A008001AA00"), Sent(0));
        Assert.Equal(Pn532Frames.Command("40 01"), Sent(1));
    }

    [Fact]
    public void Accepts_an_extended_frame_answer_of_261_bytes()
    {
        string sig = new string('C', 2 * 256) + "9000";
        _line.Then(Pn532Frames.AckThen("41 00 " + sig));
        byte[] answer = new byte[300];
        Assert.Equal(Pn532Status.Ok, _pn532.DataExchange(1, new byte[] { 0, 0xB0, 0, 0, 0 }, 0, 5, answer, 0, answer.Length, out int n));
        Assert.Equal(258, n);
        Assert.Contains("0000FFFFFF", Pn532Frames.Answer("41 00 " + sig).Substring(0, 10));
    }

    [Fact]
    public void Sends_NACK_on_a_corrupted_answer_and_takes_the_retransmission()
    {
        string good = Pn532Frames.Answer("41 00 9000");
        string corrupted = good.Substring(0, good.Length - 4) + "00" + "00"; // DCS damaged
        _line.Then(Pn532Frames.Ack + corrupted).Then(good);
        byte[] answer = new byte[10];
        Assert.Equal(Pn532Status.Ok, _pn532.DataExchange(1, new byte[] { 0, 0xA4, 4, 0x0C }, 0, 4, answer, 0, answer.Length, out int n));
        Assert.Equal(2, n);
        Assert.Equal("0000FFFF0000", Sent(1));
        Assert.Equal(1, _pn532.FramesSent);
    }

    [Fact]
    public void Gives_up_with_LinkError_after_repeated_corruption()
    {
        string bad = "0000FF04FCD541009000"; // wrong DCS, no postamble
        _line.Then(Pn532Frames.Ack + bad).Then(bad).Then(bad).Then(bad).Then(string.Empty);
        byte[] answer = new byte[10];
        Assert.Equal(Pn532Status.LinkError, _pn532.DataExchange(1, new byte[] { 0, 0xA4, 4, 0x0C }, 0, 4, answer, 0, answer.Length, out _));
        // 1 command, 3 NACKs, then an ACK to abort.
        Assert.Equal(5, _line.Writes.Count);
        Assert.Equal(Pn532Frames.Ack, Sent(4));
    }

    [Fact]
    public void Retransmits_a_command_that_got_no_ACK()
    {
        _line.Then(string.Empty).Then(Pn532Frames.AckThen("33"));
        Assert.Equal(Pn532Status.Ok, _pn532.SetRfField(false));
        Assert.Equal(2, _pn532.FramesSent);
        Assert.Equal(_line.Writes[0].Skip(16).ToArray(), _line.Writes[1]);
    }

    [Fact]
    public void Does_not_resend_when_the_ACK_is_lost_but_the_answer_arrives()
    {
        // A resend of VERIFY would burn a second PIN try.
        _line.Then(Pn532Frames.Answer("41 00 63C2"));
        byte[] answer = new byte[10];
        Assert.Equal(Pn532Status.Ok, _pn532.DataExchange(1, new byte[] { 0, 0x20, 0, 0x80 }, 0, 4, answer, 0, answer.Length, out int n));
        Assert.Equal(1, _pn532.FramesSent);
        Assert.Equal("63C2", Hex.Of(answer, 0, n));
    }

    [Fact]
    public void Times_out_when_the_PN532_never_answers()
    {
        _line.Then(string.Empty).Then(string.Empty).Then(string.Empty);
        long start = _clock.MonotonicMs;
        Assert.Equal(Pn532Status.Timeout, _pn532.SetRfField(true));
        Assert.Equal(3, _pn532.FramesSent);
        Assert.True(_clock.MonotonicMs - start >= 300);
    }

    [Fact]
    public void A_late_answer_is_never_taken_for_the_next_one()
    {
        // First exchange: ACK, then the answer comes only after the deadline (queued when the driver aborts).
        _line.Then(Pn532Frames.Ack).Then(Pn532Frames.Answer("41 00 AAAA 9000"))
            .Then(Pn532Frames.AckThen("41 00 BBBB 9000"));
        byte[] answer = new byte[10];
        byte[] apdu = { 0, 0xB0, 0, 0, 2 };
        Assert.Equal(Pn532Status.Timeout, _pn532.DataExchange(1, apdu, 0, 5, answer, 0, answer.Length, out _));
        Assert.Equal(Pn532Status.Ok, _pn532.DataExchange(1, apdu, 0, 5, answer, 0, answer.Length, out int n));
        Assert.Equal("BBBB9000", Hex.Of(answer, 0, n));
    }

    [Fact]
    public void Reports_target_errors_with_their_code()
    {
        _line.Then(Pn532Frames.AckThen("41 01"));
        byte[] answer = new byte[10];
        Assert.Equal(Pn532Status.TargetError, _pn532.DataExchange(1, new byte[] { 0, 0xB0, 0, 0, 2 }, 0, 5, answer, 0, answer.Length, out _));
        Assert.Equal(0x01, _pn532.LastTargetError);
    }

    [Fact]
    public void Reports_the_application_error_frame()
    {
        _line.Then(Pn532Frames.Ack + "0000FF01FF7F8100");
        Assert.Equal(Pn532Status.ErrorFrame, _pn532.CheckPresence());
    }

    [Fact]
    public void Presence_check_uses_Diagnose_test_6()
    {
        _line.Then(Pn532Frames.AckThen("01 00")).Then(Pn532Frames.AckThen("01 27"));
        Assert.Equal(Pn532Status.Ok, _pn532.CheckPresence());
        Assert.Equal(Pn532Frames.Command("00 06"), Sent(0));
        Assert.Equal(Pn532Status.TargetError, _pn532.CheckPresence());
    }

    [Fact]
    public void Release_sends_InRelease_for_all_targets()
    {
        _line.Then(Pn532Frames.AckThen("53 00"));
        Assert.Equal(Pn532Status.Ok, _pn532.Release());
        Assert.Equal(Pn532Frames.Command("52 00"), Sent(0));
    }

    [Fact]
    public void Steady_state_exchanges_allocate_nothing()
    {
        byte[] apdu = { 0, 0xB0, 0, 0, 0 };
        byte[] answer = new byte[300];
        string reply = Pn532Frames.AckThen("41 00 " + new string('5', 512) + "9000");
        for (int i = 0; i < 50; i++)
        {
            _line.Then(reply);
        }

        // Warm up JIT and the script queue, then measure only the driver.
        _pn532.DataExchange(1, apdu, 0, 5, answer, 0, answer.Length, out _);
        var stream = new AllocationFreeReplay(Hex.Bytes(reply));
        var pn532 = new Pn532(stream, _clock, new Pn532Timeouts());
        pn532.RequireWakeUp();
        pn532.DataExchange(1, apdu, 0, 5, answer, 0, answer.Length, out _);
        var statuses = new Pn532Status[20];
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < statuses.Length; i++)
        {
            statuses[i] = pn532.DataExchange(1, apdu, 0, 5, answer, 0, answer.Length, out _);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.All(statuses, s => Assert.Equal(Pn532Status.Ok, s));
        Assert.Equal(0, allocated);
    }

    /// <summary>Replays the same reply after every write without allocating.</summary>
    private sealed class AllocationFreeReplay : Kiosk.Firmware.Core.Hardware.IByteStream
    {
        private readonly byte[] _reply;
        private int _position;
        private int _available;

        public AllocationFreeReplay(byte[] reply) => _reply = reply;

        public int Read(byte[] buffer, int offset, int count, int timeoutMs)
        {
            int n = Math.Min(count, _available - _position);
            if (n <= 0)
            {
                return 0;
            }

            Array.Copy(_reply, _position, buffer, offset, n);
            _position += n;
            return n;
        }

        public void Write(byte[] buffer, int offset, int count)
        {
            _position = 0;
            _available = _reply.Length;
        }

        public void DiscardInput()
        {
            _available = 0;
            _position = 0;
        }
    }
}
