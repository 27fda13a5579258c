using System.Security.Cryptography;

namespace Kiosk.HostBridge.Privacy;

/// <summary>Short receipt codes a resident can read out to the municipality: 10 Crockford base32 characters, grouped 5-5.</summary>
public static class ReceiptCodes
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    /// <summary>A fresh random code such as <c>7K2QM-X9D4P</c> (50 bits).</summary>
    public static string New()
    {
        Span<char> chars = stackalloc char[11];
        var bytes = RandomNumberGenerator.GetBytes(10);
        for (int i = 0, j = 0; i < 10; i++, j++)
        {
            if (i == 5) chars[j++] = '-';
            chars[j] = Alphabet[bytes[i] & 31];
        }
        return new string(chars);
    }
}
