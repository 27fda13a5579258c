using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Kiosk.Firmware.Simulator.Board;

/// <summary>Encodes a 1-bit frame (row-major, MSB first) as a two-colour palette PNG: bit 0 is the background, bit 1 the ink.</summary>
public static class PngEncoder
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly uint[] CrcTable = BuildCrcTable();

    /// <summary>Encodes <paramref name="bits"/> (width/8 bytes a row, width a multiple of 8) with white background and black ink.</summary>
    public static byte[] Encode1Bit(byte[] bits, int width, int height)
    {
        return Encode1Bit(bits, width, height, 0xFFFFFF, 0x000000);
    }

    /// <summary>Encodes <paramref name="bits"/> with the given background and ink colours (0xRRGGBB).</summary>
    public static byte[] Encode1Bit(byte[] bits, int width, int height, int backgroundRgb, int inkRgb)
    {
        ArgumentNullException.ThrowIfNull(bits);
        if (width <= 0 || height <= 0 || width % 8 != 0)
            throw new ArgumentOutOfRangeException(nameof(width), "Width must be a positive multiple of 8.");
        int stride = width / 8;
        if (bits.Length < stride * height) throw new ArgumentException("Too few bytes for the frame.", nameof(bits));

        using var png = new MemoryStream();
        png.Write(Signature);

        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(0), width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 1;  // bit depth
        ihdr[9] = 3;  // colour type: palette
        ihdr[10] = 0; // deflate
        ihdr[11] = 0; // adaptive filtering
        ihdr[12] = 0; // no interlace
        WriteChunk(png, "IHDR", ihdr);

        byte[] plte =
        [
            (byte)(backgroundRgb >> 16), (byte)(backgroundRgb >> 8), (byte)backgroundRgb,
            (byte)(inkRgb >> 16), (byte)(inkRgb >> 8), (byte)inkRgb,
        ];
        WriteChunk(png, "PLTE", plte);

        using var idat = new MemoryStream();
        using (var z = new ZLibStream(idat, CompressionLevel.Optimal, leaveOpen: true))
        {
            for (int y = 0; y < height; y++)
            {
                z.WriteByte(0); // filter: none — a 1-bit image gains little from the others
                z.Write(bits, y * stride, stride);
            }
        }
        WriteChunk(png, "IDAT", idat.ToArray());
        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    /// <summary>The PNG CRC-32 (ISO 3309) of <paramref name="data"/>, continuing from <paramref name="crc"/>.</summary>
    public static uint Crc32(ReadOnlySpan<byte> data, uint crc = 0)
    {
        crc ^= 0xFFFFFFFFu;
        foreach (byte b in data) crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        return crc ^ 0xFFFFFFFFu;
    }

    private static void WriteChunk(Stream png, string type, byte[] data)
    {
        Span<byte> len = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(len, data.Length);
        png.Write(len);
        byte[] typeBytes = Encoding.ASCII.GetBytes(type);
        png.Write(typeBytes);
        png.Write(data);
        uint crc = Crc32(data, Crc32(typeBytes));
        BinaryPrimitives.WriteUInt32BigEndian(len, crc);
        png.Write(len);
    }

    private static uint[] BuildCrcTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            uint c = n;
            for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            table[n] = c;
        }
        return table;
    }
}
