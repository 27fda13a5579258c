using System.Security.Cryptography;

namespace Kiosk.Hardware.Emulator.Pki;

/// <summary>HMAC_DRBG with SHA-256 (NIST SP 800-90A, no reseed): a seeded, repeatable byte source for test keys.</summary>
public sealed class HmacDrbg
{
    private byte[] _key = new byte[32];
    private byte[] _value = new byte[32];

    /// <summary>Instantiates the generator from seed material (the same material always gives the same stream).</summary>
    public HmacDrbg(byte[] seedMaterial)
    {
        Array.Fill(_value, (byte)0x01);
        Update(seedMaterial);
    }

    /// <summary>Instantiates the generator from a UTF-8 string and a purpose label, so each key has its own stream.</summary>
    public static HmacDrbg ForLabel(string seed, string label)
        => new(System.Text.Encoding.UTF8.GetBytes("kiosk-jpki-test|" + seed + "|" + label));

    /// <summary>Fills <paramref name="output"/> with the next bytes of the stream.</summary>
    public void Generate(Span<byte> output)
    {
        var offset = 0;
        while (offset < output.Length)
        {
            _value = HMACSHA256.HashData(_key, _value);
            var n = Math.Min(_value.Length, output.Length - offset);
            _value.AsSpan(0, n).CopyTo(output[offset..]);
            offset += n;
        }
        Update(null);
    }

    /// <summary>Returns the next <paramref name="count"/> bytes of the stream.</summary>
    public byte[] Generate(int count)
    {
        var bytes = new byte[count];
        Generate(bytes);
        return bytes;
    }

    private void Update(byte[]? provided)
    {
        _key = HMACSHA256.HashData(_key, Concat(_value, 0x00, provided));
        _value = HMACSHA256.HashData(_key, _value);
        if (provided is null || provided.Length == 0) return;
        _key = HMACSHA256.HashData(_key, Concat(_value, 0x01, provided));
        _value = HMACSHA256.HashData(_key, _value);
    }

    private static byte[] Concat(byte[] v, byte separator, byte[]? provided)
    {
        var len = v.Length + 1 + (provided?.Length ?? 0);
        var buffer = new byte[len];
        v.CopyTo(buffer, 0);
        buffer[v.Length] = separator;
        provided?.CopyTo(buffer, v.Length + 1);
        return buffer;
    }
}
