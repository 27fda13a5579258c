using System.Globalization;
using System.Text;

namespace Kiosk.Municipality.Pdf;

/// <summary>
/// The load tests' stand-in for a rendered certificate (Municipality:MinimalPdf): a valid one-page PDF whose page reads
/// "resident &lt;id&gt;", "profile &lt;card profile id&gt;" and "document &lt;id&gt;", with the resident's name in the document information, so every printed paper can
/// still be checked for whose it is without paying for PDF rendering.
/// </summary>
public static class MinimalPdf
{
    /// <summary>The marker line on the page, followed by the resident id.</summary>
    public const string ResidentMarker = "resident ";

    /// <summary>The marker line on the page, followed by the card profile the resident is bound to ("none" when none).</summary>
    public const string ProfileMarker = "profile ";

    /// <summary>Builds the PDF.</summary>
    public static byte[] Render(string documentId, string residentId, string? profileId, string residentName, string productCode, int copies)
    {
        string text = "BT /F1 12 Tf 72 720 Td (" + ResidentMarker + Escape(residentId) + ") Tj 0 -16 Td (" + ProfileMarker
            + Escape(profileId ?? "none") + ") Tj 0 -16 Td (document " + Escape(documentId)
            + ") Tj 0 -16 Td (" + Escape(productCode) + " x" + copies.ToString(CultureInfo.InvariantCulture) + ") Tj ET";
        var objects = new[]
        {
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            "<< /Length " + Encoding.ASCII.GetByteCount(text).ToString(CultureInfo.InvariantCulture) + " >>\nstream\n" + text + "\nendstream",
            "<< /Title (" + Escape(documentId) + ") /Subject <FEFF" + Convert.ToHexString(Encoding.BigEndianUnicode.GetBytes(residentName)) + "> >>",
        };
        var sb = new StringBuilder("%PDF-1.4\n");
        var offsets = new int[objects.Length];
        for (int i = 0; i < objects.Length; i++)
        {
            offsets[i] = Encoding.ASCII.GetByteCount(sb.ToString());
            sb.Append((i + 1).ToString(CultureInfo.InvariantCulture)).Append(" 0 obj\n").Append(objects[i]).Append("\nendobj\n");
        }
        int xref = Encoding.ASCII.GetByteCount(sb.ToString());
        sb.Append("xref\n0 ").Append((objects.Length + 1).ToString(CultureInfo.InvariantCulture)).Append("\n0000000000 65535 f \n");
        foreach (var o in offsets) sb.Append(o.ToString("D10", CultureInfo.InvariantCulture)).Append(" 00000 n \n");
        sb.Append("trailer\n<< /Size ").Append((objects.Length + 1).ToString(CultureInfo.InvariantCulture))
            .Append(" /Root 1 0 R /Info 6 0 R >>\nstartxref\n").Append(xref.ToString(CultureInfo.InvariantCulture)).Append("\n%%EOF\n");
        return Encoding.ASCII.GetBytes(sb.ToString());
    }

    /// <summary>The resident id on a minimal PDF's page, or null when the bytes are not one.</summary>
    public static string? ResidentOf(byte[] pdf) => Line(pdf, ResidentMarker);

    /// <summary>The card profile id on a minimal PDF's page, or null when the bytes are not one.</summary>
    public static string? ProfileOf(byte[] pdf) => Line(pdf, ProfileMarker);

    private static string? Line(byte[] pdf, string marker)
    {
        string s = Encoding.ASCII.GetString(pdf);
        int i = s.IndexOf("(" + marker, StringComparison.Ordinal);
        if (i < 0) return null;
        int start = i + 1 + marker.Length;
        int end = s.IndexOf(')', start);
        return end < 0 ? null : s[start..end];
    }

    private static string Escape(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (char c in s)
        {
            if (c is '(' or ')' or '\\') sb.Append('\\');
            sb.Append(c < 0x20 || c > 0x7E ? '?' : c);
        }
        return sb.ToString();
    }
}
