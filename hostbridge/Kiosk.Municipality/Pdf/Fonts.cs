using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Kiosk.Municipality.Pdf;

/// <summary>The few font sizes the certificates use, all with Unicode encoding so the text is extractable.</summary>
internal static class Fonts
{
    private static readonly XPdfFontOptions Unicode = new(PdfFontEncoding.Unicode);

    public static XFont Mincho(double size, bool bold = false) =>
        new(JapaneseFonts.Mincho, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular, Unicode);

    public static XFont Gothic(double size) => new(JapaneseFonts.Gothic, size, XFontStyleEx.Regular, Unicode);
}
