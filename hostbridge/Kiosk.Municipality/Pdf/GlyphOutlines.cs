using System.Buffers.Binary;
using PdfSharp.Drawing;

namespace Kiosk.Municipality.Pdf;

/// <summary>
/// Reads glyph outlines from a TrueType font (cmap format 4, loca, glyf simple glyphs) so a word can be used as a
/// clipping path. PDFsharp's Core build leaves XGraphicsPath.AddString empty, and the 「複写」 latent pattern needs
/// the shapes of the letters, not text.
/// </summary>
public sealed class GlyphOutlines
{
    private readonly byte[] _font;
    private readonly Dictionary<string, (int Offset, int Length)> _tables = new(StringComparer.Ordinal);
    private readonly int _unitsPerEm;
    private readonly bool _longLoca;

    public GlyphOutlines(byte[] font)
    {
        _font = font;
        var numTables = U16(4);
        for (var i = 0; i < numTables; i++)
        {
            var rec = 12 + i * 16;
            var tag = System.Text.Encoding.ASCII.GetString(font, rec, 4);
            _tables[tag] = ((int)U32(rec + 8), (int)U32(rec + 12));
        }
        foreach (var t in new[] { "head", "cmap", "loca", "glyf" })
            if (!_tables.ContainsKey(t)) throw new InvalidDataException("font has no '" + t + "' table (TrueType outlines are needed)");
        _unitsPerEm = U16(_tables["head"].Offset + 18);
        _longLoca = BinaryPrimitives.ReadInt16BigEndian(font.AsSpan(_tables["head"].Offset + 50)) == 1;
    }

    private int U16(int at) => BinaryPrimitives.ReadUInt16BigEndian(_font.AsSpan(at));
    private uint U32(int at) => BinaryPrimitives.ReadUInt32BigEndian(_font.AsSpan(at));
    private short S16(int at) => BinaryPrimitives.ReadInt16BigEndian(_font.AsSpan(at));

    /// <summary>Adds the outlines of <paramref name="text"/> (full-width advance) with its baseline at <paramref name="origin"/>.</summary>
    public void AddText(XGraphicsPath path, string text, XPoint origin, double size)
    {
        var scale = size / _unitsPerEm;
        var x = origin.X;
        foreach (var ch in text)
        {
            AddGlyph(path, GlyphIndex(ch), x, origin.Y, scale);
            x += size;
        }
    }

    /// <summary>The glyph index of a BMP character from the Windows Unicode cmap (format 4); 0 when absent.</summary>
    public int GlyphIndex(char c)
    {
        var cmap = _tables["cmap"].Offset;
        var count = U16(cmap + 2);
        for (var i = 0; i < count; i++)
        {
            var rec = cmap + 4 + i * 8;
            var platform = U16(rec);
            var encoding = U16(rec + 2);
            var sub = cmap + (int)U32(rec + 4);
            if (U16(sub) != 4 || !((platform == 3 && encoding == 1) || platform == 0)) continue;
            var segX2 = U16(sub + 6);
            var ends = sub + 14;
            var starts = ends + segX2 + 2;
            var deltas = starts + segX2;
            var ranges = deltas + segX2;
            for (var s = 0; s < segX2 / 2; s++)
            {
                if (U16(ends + s * 2) < c) continue;
                var start = U16(starts + s * 2);
                if (start > c) return 0;
                var delta = S16(deltas + s * 2);
                var rangeOffset = U16(ranges + s * 2);
                if (rangeOffset == 0) return (c + delta) & 0xFFFF;
                var gid = U16(ranges + s * 2 + rangeOffset + 2 * (c - start));
                return gid == 0 ? 0 : (gid + delta) & 0xFFFF;
            }
        }
        return 0;
    }

    private void AddGlyph(XGraphicsPath path, int gid, double ox, double oy, double scale)
    {
        var loca = _tables["loca"].Offset;
        int start, end;
        if (_longLoca) { start = (int)U32(loca + gid * 4); end = (int)U32(loca + gid * 4 + 4); }
        else { start = U16(loca + gid * 2) * 2; end = U16(loca + gid * 2 + 2) * 2; }
        if (end <= start) return;
        var g = _tables["glyf"].Offset + start;
        var contours = S16(g);
        if (contours < 0) throw new InvalidDataException("composite glyph " + gid + " is not supported");
        var endPts = new int[contours];
        for (var i = 0; i < contours; i++) endPts[i] = U16(g + 10 + i * 2);
        var n = contours == 0 ? 0 : endPts[^1] + 1;
        var p = g + 10 + contours * 2;
        p += 2 + U16(p);
        var flags = new byte[n];
        for (var i = 0; i < n;)
        {
            var f = _font[p++];
            flags[i++] = f;
            if ((f & 8) != 0)
                for (var r = _font[p++]; r > 0; r--) flags[i++] = f;
        }
        var xs = new int[n];
        var ys = new int[n];
        int v = 0;
        for (var i = 0; i < n; i++)
        {
            var f = flags[i];
            if ((f & 2) != 0) { var d = _font[p++]; v += (f & 16) != 0 ? d : -d; }
            else if ((f & 16) == 0) { v += S16(p); p += 2; }
            xs[i] = v;
        }
        v = 0;
        for (var i = 0; i < n; i++)
        {
            var f = flags[i];
            if ((f & 4) != 0) { var d = _font[p++]; v += (f & 32) != 0 ? d : -d; }
            else if ((f & 32) == 0) { v += S16(p); p += 2; }
            ys[i] = v;
        }
        XPoint At(int i) => new(ox + xs[i] * scale, oy - ys[i] * scale);
        var first = 0;
        foreach (var last in endPts)
        {
            AddContour(path, first, last, i => At(i), i => (flags[i] & 1) != 0);
            first = last + 1;
        }
    }

    /// <summary>One closed quadratic B-spline contour as lines and cubic Béziers (implied on-curve midpoints included).</summary>
    private static void AddContour(XGraphicsPath path, int first, int last, Func<int, XPoint> at, Func<int, bool> on)
    {
        var count = last - first + 1;
        if (count < 2) return;
        var pts = new List<(XPoint P, bool On)>();
        for (var i = 0; i < count; i++)
        {
            var cur = (at(first + i), on(first + i));
            var next = (at(first + (i + 1) % count), on(first + (i + 1) % count));
            pts.Add(cur);
            if (!cur.Item2 && !next.Item2)
                pts.Add((new XPoint((cur.Item1.X + next.Item1.X) / 2, (cur.Item1.Y + next.Item1.Y) / 2), true));
        }
        var startIndex = pts.FindIndex(q => q.On);
        if (startIndex < 0) return;
        path.StartFigure();
        var prev = pts[startIndex].P;
        var k = 1;
        while (k <= pts.Count)
        {
            var cur = pts[(startIndex + k) % pts.Count];
            if (cur.On)
            {
                path.AddLine(prev, cur.P);
                prev = cur.P;
                k++;
            }
            else
            {
                var end = pts[(startIndex + k + 1) % pts.Count].P;
                var c1 = new XPoint(prev.X + 2.0 / 3 * (cur.P.X - prev.X), prev.Y + 2.0 / 3 * (cur.P.Y - prev.Y));
                var c2 = new XPoint(end.X + 2.0 / 3 * (cur.P.X - end.X), end.Y + 2.0 / 3 * (cur.P.Y - end.Y));
                path.AddBezier(prev, c1, c2, end);
                prev = end;
                k += 2;
            }
        }
        path.CloseFigure();
    }
}
