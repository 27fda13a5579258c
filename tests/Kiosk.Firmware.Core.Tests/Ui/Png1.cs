using System.IO.Compression;
using System.Text;

namespace Kiosk.Firmware.Core.Tests.Ui;

/// <summary>Minimal 1-bit grayscale PNG for golden frames: ink (set bit) is black. Reads back only what it writes.</summary>
public static class Png1
{
    static readonly uint[] Crc = Enumerable.Range(0, 256).Select(n =>
    {
        var c = (uint)n;
        for (var k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        return c;
    }).ToArray();

    public static byte[] Encode(byte[] frame, int width, int height)
    {
        var stride = width / 8;
        var raw = new MemoryStream();
        for (var y = 0; y < height; y++)
        {
            raw.WriteByte(0);
            for (var x = 0; x < stride; x++) raw.WriteByte((byte)~frame[y * stride + x]);
        }
        var z = new MemoryStream();
        using (var zs = new ZLibStream(z, CompressionLevel.SmallestSize, true)) raw.WriteTo(zs);
        var png = new MemoryStream();
        png.Write(new byte[] { 137, 80, 78, 71, 13, 10, 26, 10 });
        var ihdr = new byte[13];
        Be(ihdr, 0, (uint)width); Be(ihdr, 4, (uint)height);
        ihdr[8] = 1; ihdr[9] = 0;
        Chunk(png, "IHDR", ihdr);
        Chunk(png, "IDAT", z.ToArray());
        Chunk(png, "IEND", Array.Empty<byte>());
        return png.ToArray();
    }

    public static byte[] Decode(byte[] png, out int width, out int height)
    {
        width = height = 0;
        var idat = new MemoryStream();
        for (var p = 8; p < png.Length;)
        {
            var len = (int)(png[p] << 24 | png[p + 1] << 16 | png[p + 2] << 8 | png[p + 3]);
            var type = Encoding.ASCII.GetString(png, p + 4, 4);
            if (type == "IHDR") { width = (int)ReadBe(png, p + 8); height = (int)ReadBe(png, p + 12); }
            if (type == "IDAT") idat.Write(png, p + 8, len);
            p += 12 + len;
        }
        idat.Position = 0;
        var raw = new MemoryStream();
        using (var zs = new ZLibStream(idat, CompressionMode.Decompress)) zs.CopyTo(raw);
        var bytes = raw.ToArray();
        var stride = width / 8;
        var frame = new byte[stride * height];
        for (var y = 0; y < height; y++)
        {
            if (bytes[y * (stride + 1)] != 0) throw new InvalidDataException("unexpected PNG filter");
            for (var x = 0; x < stride; x++) frame[y * stride + x] = (byte)~bytes[y * (stride + 1) + 1 + x];
        }
        return frame;
    }

    static void Chunk(Stream s, string type, byte[] data)
    {
        var head = new byte[8];
        Be(head, 0, (uint)data.Length);
        Encoding.ASCII.GetBytes(type, 0, 4, head, 4);
        s.Write(head);
        s.Write(data);
        var c = 0xFFFFFFFFu;
        foreach (var b in head.Skip(4).Concat(data)) c = Crc[(c ^ b) & 0xFF] ^ (c >> 8);
        var crc = new byte[4];
        Be(crc, 0, c ^ 0xFFFFFFFFu);
        s.Write(crc);
    }

    static void Be(byte[] b, int o, uint v) { b[o] = (byte)(v >> 24); b[o + 1] = (byte)(v >> 16); b[o + 2] = (byte)(v >> 8); b[o + 3] = (byte)v; }
    static uint ReadBe(byte[] b, int o) => (uint)(b[o] << 24 | b[o + 1] << 16 | b[o + 2] << 8 | b[o + 3]);
}
