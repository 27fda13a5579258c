using System.Globalization;
using Kiosk.Municipality.Rules;
using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Kiosk.Municipality.Pdf;

/// <summary>Draws a certificate on A4 pages: one set of pages per copy, each page with the anti-forgery features.</summary>
public static class CertificateRenderer
{
    private const double Left = 48, Right = 547, ContentTop = 118, ContentBottom = 640, LabelWidth = 118, RowHeight = 17;
    private static readonly XPen Line = new(XColors.Black, 0.6);
    private static readonly XBrush Shade = new XSolidBrush(XColor.FromArgb(236, 236, 236));
    private static readonly XBrush Red = new XSolidBrush(XColor.FromArgb(205, 30, 35));

    /// <summary>The PDF bytes and page count.</summary>
    public static (byte[] Pdf, int Pages) Render(CertificateContent content, DocumentStamp stamp)
    {
        var doc = new PdfDocument();
        doc.Info.Title = content.Title;
        doc.Info.Author = content.Municipality.FullName;
        doc.Info.Creator = "Kiosk reference municipality";
        doc.Info.CreationDate = stamp.IssuedOn.ToDateTime(new TimeOnly(0, 0));
        doc.Options.CompressContentStreams = true;
        for (var copy = 1; copy <= stamp.Copies; copy++)
            RenderCopy(doc, content, stamp, copy);
        var pages = doc.PageCount;
        using var ms = new MemoryStream();
        doc.Save(ms, false);
        return (ms.ToArray(), pages);
    }

    private static void RenderCopy(PdfDocument doc, CertificateContent content, DocumentStamp stamp, int copy)
    {
        var first = doc.PageCount;
        var (page, g) = NewPage(doc, content, stamp, continued: false);
        var y = ContentTop;
        var valueFont = Fonts.Mincho(10);
        var labelFont = Fonts.Gothic(8.5);

        y = DrawRows(ref page, ref g, doc, content, stamp, content.Header, null, y, labelFont, valueFont) + 8;
        foreach (var block in content.Blocks)
            y = DrawRows(ref page, ref g, doc, content, stamp, block.Rows, block.Heading, y, labelFont, valueFont) + 6;
        if (content.SealImpression is { } impression)
        {
            EnsureRoom(ref page, ref g, doc, content, stamp, ref y, 96);
            g.DrawString("印影", labelFont, XBrushes.Black, Left, y + 12);
            SealImpression(g, impression, new XPoint(Left + LabelWidth + 48, y + 46), 40);
            y += 96;
        }
        foreach (var note in content.Notes)
        {
            EnsureRoom(ref page, ref g, doc, content, stamp, ref y, RowHeight);
            g.DrawString(note, Fonts.Mincho(9), XBrushes.Black, Right - 60, y + 10);
            y += RowHeight;
        }
        Closing(g, content, stamp);
        g.Dispose();

        var total = doc.PageCount - first;
        for (var i = 0; i < total; i++)
        {
            using var pg = XGraphics.FromPdfPage(doc.Pages[first + i], XGraphicsPdfPageOptions.Append);
            var label = string.Create(CultureInfo.InvariantCulture,
                $"（{copy}通目／{stamp.Copies}通中）　{i + 1}／{total}頁");
            pg.DrawString(label, Fonts.Mincho(8.5), XBrushes.Black, new XRect(Left, 46, Right - Left, 12), XStringFormats.TopRight);
        }
    }

    private static (PdfPage, XGraphics) NewPage(PdfDocument doc, CertificateContent content, DocumentStamp stamp, bool continued)
    {
        var page = doc.AddPage();
        page.Size = PageSize.A4;
        var g = XGraphics.FromPdfPage(page);
        var rect = new XRect(0, 0, page.Width.Point, page.Height.Point);
        AntiForgery.LatentPattern(g, rect);
        AntiForgery.MicroTextBorder(g, rect, "KIOSK " + content.Municipality.Code + " " + stamp.DocumentId);
        g.DrawString("第 " + stamp.DocumentId + " 号", Fonts.Mincho(9), XBrushes.Black, new XRect(Left, 32, Right - Left, 12), XStringFormats.TopRight);
        var title = continued ? content.Title + "（続き）" : content.Title;
        g.DrawString(Spaced(title), Fonts.Mincho(21, bold: true), XBrushes.Black, new XRect(Left, 70, Right - Left, 30), XStringFormats.Center);
        Footer(g, stamp);
        return (page, g);
    }

    /// <summary>Letter-spaces a short title the way municipal forms do (住 民 票 の 写 し).</summary>
    private static string Spaced(string title) => title.Length <= 8 ? string.Join(" ", title.ToCharArray()) : title;

    private static void EnsureRoom(ref PdfPage page, ref XGraphics g, PdfDocument doc, CertificateContent content, DocumentStamp stamp,
        ref double y, double needed)
    {
        if (y + needed <= ContentBottom) return;
        g.DrawString("（次頁へ続く）", Fonts.Mincho(9), XBrushes.Black, Right - 70, ContentBottom + 14);
        g.Dispose();
        (page, g) = NewPage(doc, content, stamp, continued: true);
        y = ContentTop;
    }

    private static double DrawRows(ref PdfPage page, ref XGraphics g, PdfDocument doc, CertificateContent content, DocumentStamp stamp,
        IReadOnlyList<Row> rows, string? heading, double y, XFont labelFont, XFont valueFont)
    {
        if (heading is not null)
        {
            EnsureRoom(ref page, ref g, doc, content, stamp, ref y, RowHeight * 2);
            g.DrawRectangle(Line, Shade, Left, y, Right - Left, RowHeight);
            g.DrawString(heading, labelFont, XBrushes.Black, Left + 4, y + 12);
            y += RowHeight;
        }
        foreach (var row in rows)
        {
            var lines = Wrap(g, row.Value, valueFont, Right - Left - LabelWidth - 8);
            var h = Math.Max(RowHeight, lines.Count * 13 + 4);
            EnsureRoom(ref page, ref g, doc, content, stamp, ref y, h);
            g.DrawRectangle(Line, Shade, Left, y, LabelWidth, h);
            g.DrawRectangle(Line, Left + LabelWidth, y, Right - Left - LabelWidth, h);
            g.DrawString(row.Label, labelFont, XBrushes.Black, Left + 4, y + 12);
            for (var i = 0; i < lines.Count; i++)
                g.DrawString(lines[i], valueFont, XBrushes.Black, Left + LabelWidth + 6, y + 12.5 + i * 13);
            y += h;
        }
        return y;
    }

    private static List<string> Wrap(XGraphics g, string text, XFont font, double width)
    {
        if (g.MeasureString(text, font).Width <= width) return [text];
        var lines = new List<string>();
        var current = "";
        foreach (var ch in text)
        {
            var next = current + ch;
            if (current.Length > 0 && g.MeasureString(next, font).Width > width)
            {
                lines.Add(current);
                current = ch.ToString();
            }
            else current = next;
        }
        lines.Add(current);
        return lines;
    }

    private static void Closing(XGraphics g, CertificateContent content, DocumentStamp stamp)
    {
        var m = content.Municipality;
        g.DrawString(content.Attestation, Fonts.Mincho(10.5), XBrushes.Black, Left + 10, 664);
        g.DrawString(JapaneseDates.Format(stamp.IssuedOn), Fonts.Mincho(10.5), XBrushes.Black, Left + 24, 688);
        var mayor = m.Prefecture + m.MayorTitle + "　" + m.MayorName;
        var font = Fonts.Mincho(13, bold: true);
        var width = g.MeasureString(mayor, font).Width;
        g.DrawString(mayor, font, XBrushes.Black, Right - 70 - width, 716);
        OfficialSeal(g, m.MayorTitle + "之印", new XRect(Right - 62, 688, 50, 50));
    }

    private static void Footer(XGraphics g, DocumentStamp stamp)
    {
        AntiForgery.Qr(g, stamp.QrText, Left, 742, 62);
        var small = Fonts.Gothic(7.5);
        g.DrawString("照合番号　" + stamp.VerificationCode, Fonts.Gothic(9), XBrushes.Black, Left + 70, 756);
        g.DrawString("発行番号　" + stamp.DocumentId, small, XBrushes.Black, Left + 70, 770);
        g.DrawString("照合番号またはQRコードで、この証明書が発行されたものか確認できます（POST /v1/documents/verify）。", small, XBrushes.Black, Left + 70, 782);
        g.DrawString("本書は Kiosk 参照自治体（架空の自治体・合成データ）の見本であり、公的な証明書ではありません。", small, XBrushes.Black, Left + 70, 794);
    }

    /// <summary>The mayor's square official seal (公印), characters in two columns read right to left.</summary>
    private static void OfficialSeal(XGraphics g, string text, XRect box)
    {
        var pen = new XPen(XColor.FromArgb(205, 30, 35), 1.6);
        g.DrawRectangle(pen, box);
        var chars = text.ToCharArray();
        var perColumn = (chars.Length + 1) / 2;
        var cell = (box.Height - 6) / perColumn;
        var font = Fonts.Mincho(cell * 0.85);
        for (var i = 0; i < chars.Length; i++)
        {
            var col = i / perColumn;
            var rowIdx = i % perColumn;
            var x = box.Right - 3 - (col + 1) * (box.Width - 6) / 2;
            g.DrawString(chars[i].ToString(), font, Red, new XRect(x, box.Top + 3 + rowIdx * cell, (box.Width - 6) / 2, cell), XStringFormats.Center);
        }
    }

    /// <summary>A registered seal's round impression, its characters stacked vertically.</summary>
    private static void SealImpression(XGraphics g, string text, XPoint centre, double radius)
    {
        g.DrawEllipse(new XPen(XColor.FromArgb(205, 30, 35), 2.2), centre.X - radius, centre.Y - radius, radius * 2, radius * 2);
        var vertical = text.All(c => c > 0x2E80);
        if (vertical)
        {
            var cell = radius * 1.5 / text.Length;
            var font = Fonts.Mincho(cell * 0.95, bold: true);
            for (var i = 0; i < text.Length; i++)
                g.DrawString(text[i].ToString(), font, Red,
                    new XRect(centre.X - radius, centre.Y - radius * 0.75 + i * cell, radius * 2, cell), XStringFormats.Center);
        }
        else
        {
            g.DrawString(text, Fonts.Mincho(radius * 2.4 / Math.Max(3, text.Length), bold: true), Red,
                new XRect(centre.X - radius, centre.Y - radius, radius * 2, radius * 2), XStringFormats.Center);
        }
    }
}
