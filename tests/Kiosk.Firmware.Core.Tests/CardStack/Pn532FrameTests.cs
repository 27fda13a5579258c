using Kiosk.Firmware.Core.Card.Pn532;

namespace Kiosk.Firmware.Core.Tests.CardStack;

public class Pn532FrameTests
{
    [Fact]
    public void Encodes_InListPassiveTarget_as_libnfc_recorded_it()
    {
        // Recorded from libnfc nfc-list -t 8 (peers.md): TX 00 00 ff 05 fb d4 4a 01 03 00 de 00
        Assert.Equal("0000FF05FBD44A010300DE00", Pn532Frames.Command("4A 01 03 00"));
    }

    [Fact]
    public void Encodes_an_extended_frame_when_data_exceeds_255_bytes()
    {
        byte[] data = new byte[300];
        for (int i = 0; i < data.Length; i++)
        {
            data[i] = (byte)i;
        }

        byte[] frame = new byte[400];
        int n = Pn532Frame.Encode(frame, 0, 0xD5, data, 0, data.Length);
        Assert.Equal(301 + 10, n);
        Assert.Equal("0000FFFFFF012DD2", Hex.Of(frame, 0, 8));
        Assert.Equal(0, (frame[5] + frame[6] + frame[7]) & 0xFF);

        var clock = new ManualClock();
        var stream = new ScriptedByteStream(clock);
        stream.Inject(Hex.Of(frame, 0, n));
        var reader = new Pn532FrameReader(stream, clock, 400);
        Assert.Equal(Pn532FrameKind.Information, reader.Read(100));
        Assert.Equal(301, reader.BodyLength);
        Assert.Equal(data, reader.Body.AsSpan(1, 300).ToArray());
    }

    [Theory]
    [InlineData("0000FF00FF00", Pn532FrameKind.Ack)]
    [InlineData("0000FFFF0000", Pn532FrameKind.Nack)]
    [InlineData("0000FF01FF7F8100", Pn532FrameKind.Error)]
    [InlineData("0000FF02FED50329", Pn532FrameKind.Corrupted)]
    [InlineData("0000FF03FED50329", Pn532FrameKind.Corrupted)]
    [InlineData("0000FF02FED503", Pn532FrameKind.Timeout)]
    [InlineData("", Pn532FrameKind.Timeout)]
    [InlineData("5555AA0000FF02FED5032800", Pn532FrameKind.Information)]
    public void Classifies_what_arrives(string line, Pn532FrameKind expected)
    {
        var clock = new ManualClock();
        var stream = new ScriptedByteStream(clock);
        stream.Inject(line);
        var reader = new Pn532FrameReader(stream, clock, 300);
        Assert.Equal(expected, reader.Read(50));
    }

    [Fact]
    public void Refuses_a_frame_longer_than_its_buffer_without_reading_past_it()
    {
        var clock = new ManualClock();
        var stream = new ScriptedByteStream(clock);
        stream.Inject(Pn532Frames.Answer(new string('A', 2 * 100)));
        var reader = new Pn532FrameReader(stream, clock, 50);
        Assert.Equal(Pn532FrameKind.Corrupted, reader.Read(50));
    }
}
