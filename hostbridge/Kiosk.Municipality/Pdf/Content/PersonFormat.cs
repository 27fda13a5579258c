using System.Globalization;
using Kiosk.Municipality.Domain;
using Kiosk.Municipality.Rules;

namespace Kiosk.Municipality.Pdf.Content;

/// <summary>How people and numbers are written on certificates.</summary>
internal static class PersonFormat
{
    /// <summary>Japanese residents' dates are printed in the era calendar, foreign residents' in the Western one.</summary>
    public static string Date(ResidentRecord r, string isoDate) =>
        r.IsForeign ? JapaneseDates.Western(isoDate) : JapaneseDates.Format(isoDate);

    public static string Yen(long amount) => amount.ToString("#,0", CultureInfo.InvariantCulture) + "円";

    /// <summary>A My Number as printed: 0000 0000 0000.</summary>
    public static string MyNumber(string digits) => digits.Length == 12
        ? digits[..4] + " " + digits[4..8] + " " + digits[8..]
        : digits;
}
