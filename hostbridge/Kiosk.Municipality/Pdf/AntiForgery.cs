using PdfSharp.Drawing;
using QRCoder;

namespace Kiosk.Municipality.Pdf;

/// <summary>
/// The printed anti-forgery features: a 「複写」 latent pattern (thick sparse hatching inside the glyphs, fine dense hatching
/// outside; at equal tone the word is invisible on the original but the fine lines drop out on a photocopy and 複写
/// appears), a micro-text border line, and the verification QR code.
/// </summary>
internal static class AntiForgery
{
    private static readonly XColor Tint = XColor.FromArgb(214, 220, 226);

    public static void LatentPattern(XGraphics g, XRect page)
    {
        var glyphs = new XGraphicsPath { FillMode = XFillMode.Alternate };
        var family = new XFontFamily(JapaneseFonts.Gothic);
        const double size = 110;
        for (var row = 0; row < 4; row++)
            for (var col = 0; col < 2; col++)
            {
                var x = 60 + col * 270 + (row % 2) * 40;
                var y = 150 + row * 190;
                glyphs.AddString("複写", family, XFontStyleEx.Regular, size, new XPoint(x, y), XStringFormats.Default);
            }

        var state = g.Save();
        g.IntersectClip(glyphs);
        Hatch(g, page, spacing: 3.2, width: 0.95);
        g.Restore(state);

        var outside = new XGraphicsPath { FillMode = XFillMode.Alternate };
        outside.AddRectangle(page);
        outside.AddPath(glyphs, false);
        state = g.Save();
        g.IntersectClip(outside);
        Hatch(g, page, spacing: 1.6, width: 0.45);
        g.Restore(state);
    }

    private static void Hatch(XGraphics g, XRect page, double spacing, double width)
    {
        var pen = new XPen(Tint, width);
        for (var d = -page.Height; d < page.Width; d += spacing)
            g.DrawLine(pen, d, page.Height, d + page.Height, 0);
    }

    /// <summary>A border of 1.6-point text that reads as a thin line to the eye and blurs into one on a copy.</summary>
    public static void MicroTextBorder(XGraphics g, XRect page, string text)
    {
        var font = Fonts.Gothic(1.6);
        var brush = new XSolidBrush(XColor.FromArgb(90, 110, 140));
        var unit = text + "  ";
        var unitWidth = g.MeasureString(unit, font).Width;
        const double inset = 18;
        var horizontal = Repeat(unit, unitWidth, page.Width - 2 * inset);
        var vertical = Repeat(unit, unitWidth, page.Height - 2 * inset);
        g.DrawString(horizontal, font, brush, inset, inset);
        g.DrawString(horizontal, font, brush, inset, page.Height - inset + 1.6);
        var state = g.Save();
        g.RotateAtTransform(90, new XPoint(inset - 1.6, inset));
        g.DrawString(vertical, font, brush, inset - 1.6, inset);
        g.Restore(state);
        state = g.Save();
        g.RotateAtTransform(90, new XPoint(page.Width - inset, inset));
        g.DrawString(vertical, font, brush, page.Width - inset, inset);
        g.Restore(state);
    }

    private static string Repeat(string unit, double unitWidth, double length)
    {
        var n = Math.Max(1, (int)(length / unitWidth));
        return string.Concat(Enumerable.Repeat(unit, n));
    }

    /// <summary>Draws a QR code of the text as vector squares at (x, y) with the given side.</summary>
    public static void Qr(XGraphics g, string text, double x, double y, double side)
    {
        using var gen = new QRCodeGenerator();
        using var data = gen.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var matrix = data.ModuleMatrix;
        var n = matrix.Count;
        var m = side / n;
        g.DrawRectangle(XBrushes.White, x, y, side, side);
        for (var r = 0; r < n; r++)
            for (var c = 0; c < n; c++)
                if (matrix[r][c])
                    g.DrawRectangle(XBrushes.Black, x + c * m, y + r * m, m + 0.05, m + 0.05);
    }
}
