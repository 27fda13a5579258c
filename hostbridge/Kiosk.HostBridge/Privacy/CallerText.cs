using System.Text.RegularExpressions;

namespace Kiosk.HostBridge.Privacy;

/// <summary>
/// Makes text a caller typed safe to keep in an audit record: bounded in length, and with any standalone 12-digit run that carries a valid
/// My Number check digit masked, so a number typed by mistake into an id field is never stored or shown on the console.
/// </summary>
public static partial class CallerText
{
    /// <summary>Longest caller text kept; ids and user names are far shorter, so only junk is cut.</summary>
    public const int MaxLength = 128;

    [GeneratedRegex("(?<![0-9])[0-9]{12}(?![0-9])")]
    private static partial Regex TwelveDigits();

    /// <summary>The text, cut to <see cref="MaxLength"/> characters (marked with …) and with My Number-shaped runs replaced by a placeholder.</summary>
    public static string Safe(string text)
    {
        var cut = text.Length > MaxLength ? text[..MaxLength] + "…" : text;
        return TwelveDigits().Replace(cut, m => IsMyNumberShaped(m.Value) ? "[12-digit number withheld]" : m.Value);
    }

    /// <summary>True for 12 ASCII digits whose last one is the My Number check digit of the first 11.</summary>
    public static bool IsMyNumberShaped(string s)
    {
        if (s.Length != 12 || !s.All(char.IsAsciiDigit)) return false;
        var sum = 0;
        for (var n = 1; n <= 11; n++) sum += (s[11 - n] - '0') * (n <= 6 ? n + 1 : n - 5);
        var remainder = sum % 11;
        return (remainder <= 1 ? 0 : 11 - remainder) == s[11] - '0';
    }
}
