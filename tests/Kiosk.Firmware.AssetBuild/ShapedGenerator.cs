using System.Text;

namespace Kiosk.Firmware.AssetBuild;

/// <summary>Pre-renders every text of the shaped languages (Thai, Nepali) with pango-view, wrapped to the layout width,
/// because their glyphs combine and reorder and cannot be drawn one code point at a time.</summary>
public static class ShapedGenerator
{
    /// <summary>Wrap width: the 320-pixel display minus margins and the choice-number column.</summary>
    public const int WrapWidth = 280;

    public static string FontFor(string language) => language switch
    {
        "th" => "Noto Sans Thai, Noto Sans",
        "ne" => "Noto Sans Devanagari, Noto Sans",
        _ => throw new ArgumentException("no shaping font for " + language),
    };

    public static string Generate(CatalogModel m)
    {
        var shapedLangs = Enumerable.Range(0, m.Languages.Length).Where(m.IsShaped).ToArray();
        var index = new List<int>();
        var widths = new List<int>();
        var heights = new List<int>();
        var offsets = new List<int>();
        var bits = new List<byte>();
        var jobs = new List<(int slot, int lang)>();
        foreach (var slot in Enumerable.Range(0, m.Slots.Length))
            foreach (var l in shapedLangs) jobs.Add((slot, l));
        var images = new Bitmap1[jobs.Count];
        Parallel.For(0, jobs.Count, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i =>
        {
            var (slot, l) = jobs[i];
            images[i] = PangoRenderer.Render(m.Slots[slot][l], FontFor(m.Languages[l]), m.Languages[l], WrapWidth);
        });
        for (var i = 0; i < jobs.Count; i++)
        {
            var img = images[i];
            var w = 1;
            for (var x = 0; x < img.Width; x++) for (var y = 0; y < img.Height; y++) if (img[x, y]) w = Math.Max(w, x + 1);
            index.Add(i);
            widths.Add(w);
            heights.Add(img.Height);
            offsets.Add(bits.Count);
            ZeroRle.Encode(ZeroRle.PackRows(img, 0, 0, w, img.Height), bits);
        }

        var sb = new StringBuilder(CSharpWriter.Header);
        sb.Append("namespace Kiosk.Firmware.Core.Ui.Fonts\n{\n    internal static class ShapedData\n    {\n");
        sb.Append("        // Language indexes that are drawn from these bitmaps; bitmap of (slot, k) is slot * Languages.Length + k.\n");
        CSharpWriter.Numbers(sb, "byte", "Languages", shapedLangs);
        CSharpWriter.Numbers(sb, "short", "Widths", widths);
        CSharpWriter.Numbers(sb, "byte", "Heights", heights);
        CSharpWriter.Numbers(sb, "int", "Offsets", offsets);
        CSharpWriter.Bytes(sb, "Bits", bits);
        sb.Append("    }\n}\n");
        return sb.ToString();
    }
}
