using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Kiosk.Firmware.Simulator.Board;

namespace Kiosk.Firmware.Simulator.Tests.Board;

public class PngEncoderTests
{
    [Fact]
    public void Crc_matches_the_published_check_value()
    {
        // The CRC-32 check value for "123456789" from the ISO 3309 / PNG specification catalogue.
        Assert.Equal(0xCBF43926u, PngEncoder.Crc32(Encoding.ASCII.GetBytes("123456789")));
    }

    [Fact]
    public void Encodes_a_320x240_palette_png_whose_pixels_are_the_frame_bits()
    {
        var frame = new byte[FrameDisplay.Stride * FrameDisplay.Height];
        frame[0] = 0x80;                         // (0,0) ink
        frame[FrameDisplay.Stride * 239 + 39] = 0x01; // (319,239) ink
        for (int x = 0; x < 40; x++) frame[FrameDisplay.Stride * 120 + x] = 0xFF; // a full row at y=120

        byte[] png = PngEncoder.Encode1Bit(frame, 320, 240);
        var img = PngImage.Read(png);

        Assert.Equal(320, img.Width);
        Assert.Equal(240, img.Height);
        Assert.True(img.IsDark(0, 0));
        Assert.False(img.IsDark(1, 0));
        Assert.True(img.IsDark(319, 239));
        Assert.False(img.IsDark(318, 239));
        for (int x = 0; x < 320; x++) Assert.True(img.IsDark(x, 120));
        Assert.False(img.IsDark(160, 121));
    }

    [Fact]
    public void Colours_come_from_the_palette()
    {
        var frame = new byte[2 * 1];
        frame[0] = 0x80;
        var img = PngImage.Read(PngEncoder.Encode1Bit(frame, 16, 1, 0xFFFFFF, 0x000000));
        Assert.Equal(0, img.Luma[0]);
        Assert.Equal(255, img.Luma[1]);
        var inverted = PngImage.Read(PngEncoder.Encode1Bit(frame, 16, 1, 0x000000, 0xFFFFFF));
        Assert.Equal(255, inverted.Luma[0]);
        Assert.Equal(0, inverted.Luma[1]);
    }

    [Fact]
    public void Rejects_bad_sizes()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PngEncoder.Encode1Bit(new byte[100], 12, 2));
        Assert.Throws<ArgumentException>(() => PngEncoder.Encode1Bit(new byte[3], 16, 2));
    }

    [Fact]
    public void Any_frame_round_trips_bit_for_bit()
    {
        Prop.ForAll(Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>(), 8 * 6).ToArbitrary(), (byte[] bits) =>
        {
            var img = PngImage.Read(PngEncoder.Encode1Bit(bits, 64, 6));
            for (int y = 0; y < 6; y++)
            for (int x = 0; x < 64; x++)
            {
                bool ink = ((bits[y * 8 + x / 8] >> (7 - x % 8)) & 1) == 1;
                if (img.IsDark(x, y) != ink) return false;
            }
            return true;
        }).QuickCheckThrowOnFailure();
    }
}
