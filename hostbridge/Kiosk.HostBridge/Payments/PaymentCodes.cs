using System.Security.Cryptography;
using System.Text;

namespace Kiosk.HostBridge.Payments;

/// <summary>Payment codes: 12 random digits (about 40 bits) shown as 4-4-4, because a clerk types them at the register.
/// Confirming one needs a store API key, the code expires, and every refused attempt is audited, so guessing does not pay.</summary>
public static class PaymentCodes
{
    /// <summary>Number of digits.</summary>
    public const int Length = 12;

    /// <summary>A fresh code from the OS random source.</summary>
    public static string New()
    {
        var sb = new StringBuilder(Length);
        for (var i = 0; i < Length; i++)
        {
            sb.Append((char)('0' + RandomNumberGenerator.GetInt32(10)));
        }
        return sb.ToString();
    }

    /// <summary>"1234-5678-9012" for the terminal's screen and the receipt.</summary>
    public static string Format(string code) => code[..4] + "-" + code[4..8] + "-" + code[8..];

    /// <summary>Accepts what a clerk types (spaces and dashes allowed); null when it is not a well-formed code.</summary>
    public static string? Normalise(string? typed)
    {
        if (typed is null)
        {
            return null;
        }
        var sb = new StringBuilder(Length);
        foreach (var c in typed)
        {
            if (c is '-' or ' ')
            {
                continue;
            }
            if (c < '0' || c > '9' || sb.Length == Length)
            {
                return null;
            }
            sb.Append(c);
        }
        return sb.Length == Length ? sb.ToString() : null;
    }

    /// <summary>The last four digits, the most an audit line or log shows of a code.</summary>
    public static string Tail(string code) => "…" + code[^4..];
}
