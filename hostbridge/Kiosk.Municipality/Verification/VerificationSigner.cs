using System.Security.Cryptography;
using System.Text;

namespace Kiosk.Municipality.Verification;

/// <summary>
/// Makes and checks the verification code printed on each document: an HMAC-SHA-256 over the document's identity,
/// cut to 80 bits and written as 16 Crockford base-32 characters (XXXX-XXXX-XXXX-XXXX) a person can type.
/// </summary>
public sealed class VerificationSigner(byte[] key)
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    /// <summary>The prefix of the QR text: kiosk-verify:v1:&lt;document id&gt;:&lt;code&gt;.</summary>
    public const string QrPrefix = "kiosk-verify:v1:";

    /// <summary>The code for a document's identity fields.</summary>
    public string Sign(string documentId, string municipalityCode, string productCode, string residentId, int copies, string issuedAt)
    {
        var canonical = string.Join("|", "v1", documentId, municipalityCode, productCode, residentId, copies, issuedAt);
        var mac = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(canonical));
        return Format(Base32(mac.AsSpan(0, 10)));
    }

    /// <summary>True when the presented code matches the expected one (constant-time; case, dashes and O/I/L lookalikes forgiven).</summary>
    public static bool Matches(string expected, string? presented)
    {
        if (presented is null) return false;
        var a = Encoding.ASCII.GetBytes(Normalize(expected));
        var b = Encoding.ASCII.GetBytes(Normalize(presented));
        return a.Length == b.Length && CryptographicOperations.FixedTimeEquals(a, b);
    }

    /// <summary>The QR text for a document.</summary>
    public static string QrText(string documentId, string code) => QrPrefix + documentId + ":" + code;

    /// <summary>Splits QR text into document id and code; false when it is not ours.</summary>
    public static bool TryParseQr(string qr, out string documentId, out string code)
    {
        documentId = code = "";
        if (!qr.StartsWith(QrPrefix, StringComparison.Ordinal)) return false;
        var rest = qr[QrPrefix.Length..];
        var colon = rest.LastIndexOf(':');
        if (colon <= 0 || colon == rest.Length - 1) return false;
        documentId = rest[..colon];
        code = rest[(colon + 1)..];
        return true;
    }

    private static string Normalize(string code)
    {
        var sb = new StringBuilder();
        foreach (var c in code.ToUpperInvariant())
        {
            if (c is '-' or ' ') continue;
            sb.Append(c switch { 'O' => '0', 'I' or 'L' => '1', _ => c });
        }
        return sb.ToString();
    }

    private static string Base32(ReadOnlySpan<byte> data)
    {
        var sb = new StringBuilder();
        int buffer = 0, bits = 0;
        foreach (var b in data)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                sb.Append(Alphabet[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0) sb.Append(Alphabet[(buffer << (5 - bits)) & 31]);
        return sb.ToString();
    }

    private static string Format(string s) => string.Join("-", Enumerable.Range(0, s.Length / 4).Select(i => s.Substring(i * 4, 4)));
}
