namespace Kiosk.Firmware.AssetBuild;

/// <summary>The core's bitmap compression: a zero byte is followed by its run length (1..255); other bytes are literal.</summary>
public static class ZeroRle
{
    public static void Encode(IReadOnlyList<byte> input, List<byte> output)
    {
        for (var i = 0; i < input.Count;)
        {
            if (input[i] != 0) { output.Add(input[i++]); continue; }
            var run = 0;
            while (i < input.Count && input[i] == 0 && run < 255) { run++; i++; }
            output.Add(0);
            output.Add((byte)run);
        }
    }

    /// <summary>Packs a 1-bit region row by row, MSB first, each row padded to whole bytes.</summary>
    public static byte[] PackRows(Bitmap1 bmp, int x0, int y0, int width, int height)
    {
        var rowBytes = (width + 7) / 8;
        var packed = new byte[rowBytes * height];
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
                if (bmp[x0 + x, y0 + y]) packed[y * rowBytes + x / 8] |= (byte)(0x80 >> (x % 8));
        return packed;
    }
}
