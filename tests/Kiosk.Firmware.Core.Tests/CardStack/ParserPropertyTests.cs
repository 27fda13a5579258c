using FsCheck;
using FsCheck.Fluent;
using Kiosk.Firmware.Core.Card;
using Kiosk.Firmware.Core.Card.Apdu;
using Kiosk.Firmware.Core.Card.Jpki;
using Kiosk.Firmware.Core.Card.Pn532;

namespace Kiosk.Firmware.Core.Tests.CardStack;

/// <summary>Random bytes from the line or the card never crash or hang the parsers: every call returns a typed outcome.</summary>
public class ParserPropertyTests
{
    private static readonly Config Many = Config.QuickThrowOnFailure.WithMaxTest(500);

    [Fact]
    public void Frame_reader_survives_random_lines()
    {
        Check.One(Many, Prop.ForAll<byte[]>(line =>
        {
            var clock = new ManualClock();
            var stream = new ScriptedByteStream(clock);
            stream.Inject(Hex.Of(line ?? Array.Empty<byte>()));
            var reader = new Pn532FrameReader(stream, clock, 300);
            int frames = 0;
            while (reader.Read(clock.MonotonicMs + 10) != Pn532FrameKind.Timeout)
            {
                frames++;
                Assert.True(frames <= (line?.Length ?? 0));
            }

            return true;
        }));
    }

    [Fact]
    public void Frame_reader_survives_random_bytes_behind_a_valid_header()
    {
        Check.One(Many, Prop.ForAll<byte[]>(tail =>
        {
            var clock = new ManualClock();
            var stream = new ScriptedByteStream(clock);
            stream.Inject("0000FF" + Hex.Of(tail ?? Array.Empty<byte>()));
            var reader = new Pn532FrameReader(stream, clock, 300);
            Pn532FrameKind kind = reader.Read(10);
            return Enum.IsDefined(kind) && reader.BodyLength <= 300;
        }));
    }

    [Fact]
    public void Driver_survives_random_answers()
    {
        Check.One(Many, Prop.ForAll<byte[], byte[]>((first, second) =>
        {
            var clock = new ManualClock();
            var stream = new ScriptedByteStream(clock);
            stream.Then(Hex.Of(first ?? Array.Empty<byte>())).Then(Hex.Of(second ?? Array.Empty<byte>()));
            var pn532 = new Pn532(stream, clock, new Pn532Timeouts { CommandAttempts = 2, NackAttempts = 2 });
            byte[] answer = new byte[300];
            Pn532Status status = pn532.DataExchange(1, new byte[] { 0, 0xB0, 0, 0, 0 }, 0, 5, answer, 0, answer.Length, out int n);
            var target = new TypeBTarget();
            Pn532Status listed = pn532.ListTypeBTarget(target);
            return Enum.IsDefined(status) && Enum.IsDefined(listed) && n >= 0 && n <= answer.Length && clock.MonotonicMs < 100_000;
        }));
    }

    [Fact]
    public void ATQB_parser_survives_random_entries()
    {
        Check.One(Many, Prop.ForAll<byte[]>(entry =>
        {
            entry ??= Array.Empty<byte>();
            int used = new TypeBTarget().Parse(entry, 0, entry.Length);
            return used == -1 || (used >= 14 && used <= entry.Length);
        }));
    }

    [Fact]
    public void DER_header_parser_survives_random_bytes()
    {
        Check.One(Many, Prop.ForAll<byte[]>(bytes =>
        {
            bytes ??= Array.Empty<byte>();
            int total = DerHeader.TotalLength(bytes, 0, bytes.Length);
            return total == -1 || total >= 2;
        }));
    }

    [Fact]
    public void APDU_channel_and_JPKI_client_survive_random_card_answers()
    {
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), Prop.ForAll<byte[][]>(answers =>
        {
            var card = new RandomCard(answers ?? Array.Empty<byte[]>());
            var jpki = new JpkiCard(card);
            CardResult[] results =
            {
                jpki.Open(), jpki.ReadAuthCertificate(), jpki.QueryPinTriesLeft(),
                jpki.VerifyPin(new byte[] { 0x31, 0x32, 0x33, 0x34 }, 0, 4), jpki.SignChallenge(new byte[] { 1 }, 0, 1),
            };
            return results.All(r => Enum.IsDefined(r.Status)) && card.Calls < 2000;
        }));
    }

    /// <summary>A card that answers each APDU with the next random byte string (a bounded supply, then silence).</summary>
    private sealed class RandomCard : ICardTransport
    {
        private readonly byte[][] _answers;
        private int _next;

        public RandomCard(byte[][] answers) => _answers = answers;

        public int Calls { get; private set; }

        public TransportStatus Connect() => TransportStatus.Ok;

        public bool IsPresent() => true;

        public TransportStatus Transceive(byte[] command, int commandOffset, int commandLength, byte[] response, int responseOffset, int responseCapacity, out int responseLength)
        {
            Calls++;
            responseLength = 0;
            if (_next >= _answers.Length)
            {
                return TransportStatus.Timeout;
            }

            byte[] answer = _answers[_next++] ?? Array.Empty<byte>();
            if (answer.Length > responseCapacity)
            {
                return TransportStatus.ResponseTooLong;
            }

            answer.CopyTo(response, responseOffset);
            responseLength = answer.Length;
            return TransportStatus.Ok;
        }

        public void Release()
        {
        }
    }
}
