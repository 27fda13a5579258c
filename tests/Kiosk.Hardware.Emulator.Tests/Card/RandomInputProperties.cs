using FsCheck;
using FsCheck.Fluent;
using Kiosk.Hardware.Emulator.Card;
using Kiosk.Hardware.Emulator.Links;
using Kiosk.Hardware.Emulator.Pn532;
using Kiosk.Hardware.Emulator.Profiles;

namespace Kiosk.Hardware.Emulator.Tests.Card;

/// <summary>FsCheck properties: no input makes the emulators throw or answer outside their protocol.</summary>
public class RandomInputProperties
{
    private static readonly Config Quick = Config.QuickThrowOnFailure.WithMaxTest(1500);

    [Fact]
    public void Any_apdu_sequence_on_any_profile_ends_each_answer_with_a_status_word()
    {
        var ids = ProfileStore.Default.Residents.Select(p => p.Id).ToArray();
        var cards = ids.ToDictionary(id => id, id => VirtualMyNumberCard.ForProfile(id));
        var prefixes = new[] { Apdus.SelectJpki, Apdus.SelectSupport, Apdus.SelectEf(0x000A), Apdus.SelectEf(0x0018), Apdus.SelectEf(0x0017), Apdus.TriesQuery };
        Prop.ForAll<int, byte[][]>((pick, apdus) =>
        {
            var card = cards[ids[Math.Abs(pick % ids.Length)]];
            card.Reset();
            foreach (var raw in apdus ?? [])
            {
                var apdu = raw is { Length: > 0 } && raw[0] % 3 == 0 ? prefixes[raw[0] % prefixes.Length] : raw ?? [];
                var r = card.Process(apdu);
                if (r.Length < 2 || (r[^2] & 0xF0) is not (0x60 or 0x90)) return false;
                if (r[^2] == 0x6F) return false; // internal error reached
            }
            return true;
        }).Check(Quick);
    }

    [Fact]
    public void Any_byte_stream_leaves_the_pn532_emulator_answering_only_whole_frames()
    {
        Prop.ForAll<byte[][]>(chunks =>
        {
            var output = new List<byte>();
            var emulator = new Pn532Emulator(b => output.AddRange(b));
            emulator.PlaceCard(VirtualMyNumberCard.ForProfile("tanaka-hanako"));
            foreach (var c in chunks ?? []) emulator.Receive(c ?? []);
            // Every byte the emulator wrote parses as ACK, NACK, error or a checked information frame from the PN532.
            var parser = new Pn532FrameParser();
            var frames = parser.Push(output.ToArray());
            return frames.All(f => f.Kind != Pn532FrameKind.Corrupt && (f.Kind != Pn532FrameKind.Information || f.Body[0] is 0xD5 or 0x7F));
        }).Check(Quick);
    }

    [Fact]
    public void Valid_frames_with_random_payloads_always_get_an_ack_first()
    {
        Prop.ForAll<byte, byte[]>((command, data) =>
        {
            var output = new List<byte>();
            var emulator = new Pn532Emulator(b => output.AddRange(b));
            // 0x16 PowerDown and 0x4A/0x60 may legitimately wait; everything else answers at once.
            emulator.Receive(Pn532Frames.Encode([0xD4, command, .. (data ?? []).Take(200)]));
            return output.Count >= 6 && output.Take(6).SequenceEqual(Pn532Frames.Ack);
        }).Check(Quick);
    }

    [Fact]
    public void In_memory_link_delivers_bytes_in_order()
    {
        Prop.ForAll<byte[][]>(chunks =>
        {
            using var link = new InMemoryLink();
            var sent = new List<byte>();
            foreach (var c in chunks ?? [])
            {
                if (c is null) continue;
                link.HostEnd.Write(c, 0, c.Length);
                sent.AddRange(c);
            }
            var got = new byte[sent.Count];
            var n = 0;
            while (n < got.Length)
            {
                var r = link.DeviceEnd.Read(got, n, got.Length - n, 100);
                if (r == 0) return false;
                n += r;
            }
            return got.SequenceEqual(sent) && link.DeviceEnd.Read(new byte[1], 0, 1, 0) == 0;
        }).Check(Quick);
    }
}
