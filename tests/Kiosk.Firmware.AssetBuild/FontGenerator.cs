using System.Text;

namespace Kiosk.Firmware.AssetBuild;

/// <summary>Builds the glyph font: exactly the characters of the unshaped catalogue texts plus the dynamic-text set,
/// each rendered once by pango-view in one batch, cut into a fixed 19-pixel cell, packed 1-bit and zero-run compressed.</summary>
public static class FontGenerator
{
    public const string Family = "Noto Sans CJK JP";
    public const int Ascent = 15;
    public const int Descent = 4;

    /// <summary>Characters dynamic text may contain: printable ASCII (codes, digits, municipality codes), yen, the PIN mask and marks.</summary>
    public static readonly string DynamicCharacters = BuildDynamic();

    static string BuildDynamic()
    {
        var sb = new StringBuilder();
        for (var c = 0x20; c < 0x7F; c++) sb.Append((char)c);
        sb.Append("¥●○■□▶…–");
        return sb.ToString();
    }

    public static string Characters(CatalogModel m)
    {
        var set = new SortedSet<char>(DynamicCharacters);
        for (var l = 0; l < m.Languages.Length; l++)
        {
            if (m.IsShaped(l)) continue;
            foreach (var slot in m.Slots) foreach (var c in slot[l]) set.Add(c);
        }
        foreach (var c in set)
            if (char.IsSurrogate(c) || char.IsControl(c)) throw new InvalidDataException("unsupported character U+" + ((int)c).ToString("X4"));
        return new string(set.ToArray());
    }

    public static string Generate(CatalogModel m)
    {
        var chars = Characters(m);
        var text = new StringBuilder("HH\nH\n");
        foreach (var c in chars) text.Append('H').Append(c).Append("H\n");
        var bmp = PangoRenderer.Render(text.ToString(), Family, "ja", 0);

        // Reference lines: "HH" gives H's ink columns and advance, "H" confirms the stem column.
        var baselines = FindBaselines(bmp, out var stemX, out var capHeight);
        if (baselines.Count != chars.Length + 2) throw new InvalidDataException("expected " + (chars.Length + 2) + " lines, found " + baselines.Count);
        InkColumns(bmp, baselines[1], capHeight, out var hLeft, out var hRight);
        InkColumns(bmp, baselines[0], capHeight, out _, out var hhRight);
        var advH = hhRight - hRight;

        var widths = new List<int>();
        var offsets = new List<int>();
        var bits = new List<byte>();
        for (var i = 0; i < chars.Length; i++)
        {
            var b = baselines[i + 2];
            InkColumns(bmp, b, capHeight, out _, out var right);
            var adv = right - hRight - advH;
            if (adv <= 0 || adv > 255) throw new InvalidDataException("bad advance " + adv + " for U+" + ((int)chars[i]).ToString("X4"));
            widths.Add(adv);
            offsets.Add(bits.Count);
            ZeroRle.Encode(ZeroRle.PackRows(bmp, advH, b - Ascent, adv, Ascent + Descent), bits);
        }

        var sb = new StringBuilder(CSharpWriter.Header);
        sb.Append("namespace Kiosk.Firmware.Core.Ui.Fonts\n{\n    internal static class GlyphData\n    {\n");
        sb.Append("        internal const int Ascent = ").Append(Ascent).Append(";\n");
        sb.Append("        internal const int Height = ").Append(Ascent + Descent).Append(";\n");
        sb.Append("        // Sorted code points; glyph i is drawn from Bits[Offsets[i]..], Widths[i] pixels wide, Height rows, zero-run compressed.\n");
        sb.Append("        internal const string Codes = ").Append(CSharpWriter.Str(chars)).Append(";\n");
        CSharpWriter.Numbers(sb, "byte", "Widths", widths);
        CSharpWriter.Numbers(sb, "int", "Offsets", offsets);
        CSharpWriter.Bytes(sb, "Bits", bits);
        sb.Append("    }\n}\n");
        return sb.ToString();
    }

    /// <summary>Baselines of every line, found from the left stem of the leading 'H' (one ink run per line).</summary>
    static List<int> FindBaselines(Bitmap1 bmp, out int stemX, out int capHeight)
    {
        stemX = -1;
        for (var x = 0; x < bmp.Width && stemX < 0; x++)
            for (var y = 0; y < bmp.Height; y++) if (bmp[x, y]) { stemX = x; break; }
        var result = new List<int>();
        capHeight = 0;
        for (var y = 0; y < bmp.Height; y++)
        {
            if (!bmp[stemX, y]) continue;
            var start = y;
            while (y < bmp.Height && bmp[stemX, y]) y++;
            capHeight = Math.Max(capHeight, y - start);
            result.Add(y);
        }
        return result;
    }

    static void InkColumns(Bitmap1 bmp, int baseline, int capHeight, out int left, out int right)
    {
        left = int.MaxValue; right = -1;
        for (var y = baseline - capHeight; y < baseline; y++)
            for (var x = 0; x < bmp.Width; x++)
                if (bmp[x, y]) { left = Math.Min(left, x); right = Math.Max(right, x); }
    }
}
