using System.Text.RegularExpressions;
using Kiosk.Hardware.Emulator.Profiles;

namespace Kiosk.EndToEnd.Tests.Security;

/// <summary>Finds what must never leave the card or the pin pad: typed PINs and valid 12-digit individual numbers.</summary>
public static partial class SensitiveDataScanner
{
    // Bounded by non-alphanumerics: a run of 12 digits inside hex or base64 is chance, not a number someone wrote out.
    [GeneratedRegex(@"(?<![0-9A-Za-z])[0-9]{12}(?![0-9A-Za-z])")]
    private static partial Regex TwelveDigits();

    /// <summary>Every standalone 12-digit run whose last digit is the My Number check digit.</summary>
    public static IReadOnlyList<string> MyNumbers(string text)
        => TwelveDigits().Matches(text).Select(m => m.Value).Where(MyNumberCheckDigit.IsValid).ToList();

    /// <summary>Where any of the given secrets (PINs typed, My Numbers planted) occur verbatim, described for a failure message.</summary>
    public static IReadOnlyList<string> Planted(string where, string text, IEnumerable<string> secrets)
        => secrets.Where(s => text.Contains(s, StringComparison.Ordinal)).Select(s => where + " contains a planted secret (" + s.Length + " chars)").ToList();

    /// <summary>All findings in one text: planted secrets anywhere, and any valid-looking My Number.</summary>
    public static IReadOnlyList<string> Scan(string where, string text, IEnumerable<string> planted)
        => Planted(where, text, planted).Concat(MyNumbers(text).Select(n => where + " contains a valid My Number " + n[..4] + "…")).ToList();
}
