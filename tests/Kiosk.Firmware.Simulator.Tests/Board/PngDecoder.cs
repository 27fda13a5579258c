using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Kiosk.Firmware.Simulator.Tests.Board;

/// <summary>A test-only PNG reader (non-interlaced, 8-bit RGB/RGBA/grey or 1-bit palette/grey, all filters) giving a dark-pixel mask.</summary>
public sealed class PngImage
{
    public int Width { get; private init; }
    public int Height { get; private init; }

    /// <summary>Luminance 0..255 per pixel, row-major.</summary>
    public byte[] Luma { get; private init; } = [];

    /// <summary>True where the pixel is darker than mid-grey.</summary>
    public bool IsDark(int x, int y) => Luma[y * Width + x] < 128;

    public static PngImage Read(byte[] png)
    {
        if (png.Length < 8 || png[0] != 0x89 || png[1] != 'P') throw new InvalidDataException("not a PNG");
        int pos = 8, width = 0, height = 0, depth = 0, type = 0;
        byte[] palette = [];
        using var idat = new MemoryStream();
        while (pos + 8 <= png.Length)
        {
            int len = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(pos));
            string t = Encoding.ASCII.GetString(png, pos + 4, 4);
            var data = png.AsSpan(pos + 8, len);
            uint crc = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(pos + 8 + len));
            if (crc != Crc32Bitwise(png.AsSpan(pos + 4, len + 4))) throw new InvalidDataException("bad CRC in " + t);
            switch (t)
            {
                case "IHDR":
                    width = BinaryPrimitives.ReadInt32BigEndian(data);
                    height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                    depth = data[8]; type = data[9];
                    if (data[12] != 0) throw new InvalidDataException("interlaced");
                    break;
                case "PLTE": palette = data.ToArray(); break;
                case "IDAT": idat.Write(data); break;
            }
            pos += 12 + len;
            if (t == "IEND") break;
        }
        int channels = type switch { 0 => 1, 2 => 3, 3 => 1, 4 => 2, 6 => 4, _ => throw new InvalidDataException("colour type " + type) };
        int bpp = Math.Max(1, channels * depth / 8);
        int stride = (width * channels * depth + 7) / 8;
        idat.Position = 0;
        using var z = new ZLibStream(idat, CompressionMode.Decompress);
        var raw = new MemoryStream();
        z.CopyTo(raw);
        byte[] r = raw.ToArray();
        if (r.Length < height * (stride + 1)) throw new InvalidDataException("short image data");
        var rows = new byte[height * stride];
        var prev = new byte[stride];
        for (int y = 0; y < height; y++)
        {
            int f = r[y * (stride + 1)];
            var cur = rows.AsSpan(y * stride, stride);
            r.AsSpan(y * (stride + 1) + 1, stride).CopyTo(cur);
            for (int i = 0; i < stride; i++)
            {
                int a = i >= bpp ? cur[i - bpp] : 0, b = prev[i], c = i >= bpp ? prev[i - bpp] : 0;
                cur[i] = f switch
                {
                    0 => cur[i],
                    1 => (byte)(cur[i] + a),
                    2 => (byte)(cur[i] + b),
                    3 => (byte)(cur[i] + (a + b) / 2),
                    4 => (byte)(cur[i] + Paeth(a, b, c)),
                    _ => throw new InvalidDataException("filter " + f),
                };
            }
            cur.CopyTo(prev);
        }
        var luma = new byte[width * height];
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                int o = y * stride;
                int rr, gg, bb;
                if (depth == 1)
                {
                    int bit = (rows[o + x / 8] >> (7 - x % 8)) & 1;
                    if (type == 3) { rr = palette[bit * 3]; gg = palette[bit * 3 + 1]; bb = palette[bit * 3 + 2]; }
                    else { rr = gg = bb = bit * 255; }
                }
                else if (depth == 8)
                {
                    int p = o + x * channels;
                    if (type == 0 || type == 4) { rr = gg = bb = rows[p]; }
                    else if (type == 3) { int i = rows[p]; rr = palette[i * 3]; gg = palette[i * 3 + 1]; bb = palette[i * 3 + 2]; }
                    else { rr = rows[p]; gg = rows[p + 1]; bb = rows[p + 2]; }
                }
                else throw new InvalidDataException("bit depth " + depth);
                luma[y * width + x] = (byte)((rr * 299 + gg * 587 + bb * 114) / 1000);
            }
        }
        return new PngImage { Width = width, Height = height, Luma = luma };
    }

    /// <summary>CRC-32 computed bit by bit (independent of the encoder's table).</summary>
    public static uint Crc32Bitwise(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++) crc = (crc >> 1) ^ (0xEDB88320u & (uint)-(int)(crc & 1));
        }
        return ~crc;
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
