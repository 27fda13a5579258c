namespace Kiosk.Firmware.Core.Ui.Fonts
{
    /// <summary>The generated 1-bit font: one fixed-height cell per character the catalogue and dynamic text use.</summary>
    public static class GlyphFont
    {
        /// <summary>Line height in pixels.</summary>
        public const int Height = GlyphData.Height;

        /// <summary>Index of the glyph for <paramref name="c"/>, or -1 when the font lacks it.</summary>
        public static int Find(char c)
        {
            string codes = GlyphData.Codes;
            int lo = 0, hi = codes.Length - 1;
            while (lo <= hi)
            {
                int mid = (lo + hi) >> 1;
                char m = codes[mid];
                if (m == c) return mid;
                if (m < c) lo = mid + 1; else hi = mid - 1;
            }
            return -1;
        }

        /// <summary>True when every character of <paramref name="text"/> has a glyph.</summary>
        public static bool Covers(string text)
        {
            for (int i = 0; i < text.Length; i++)
            {
                if (Find(text[i]) < 0) return false;
            }
            return true;
        }

        /// <summary>Advance of a character in pixels (missing characters use the '?' glyph).</summary>
        public static int Advance(char c)
        {
            int g = Find(c);
            if (g < 0) g = Find('?');
            return GlyphData.Widths[g];
        }

        /// <summary>Draws a character with its cell's top-left at (x, y); returns the advance.</summary>
        public static int Draw(FrameBuffer? frame, char c, int x, int y, bool ink)
        {
            int g = Find(c);
            if (g < 0) g = Find('?');
            int w = GlyphData.Widths[g];
            if (frame != null) frame.Blit(GlyphData.Bits, GlyphData.Offsets[g], w, Height, x, y, ink);
            return w;
        }
    }
}
