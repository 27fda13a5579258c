using Kiosk.Firmware.Core.Ui.Fonts;
using Kiosk.Firmware.Core.Ui.Messages;

namespace Kiosk.Firmware.Core.Ui
{
    /// <summary>Flows text into a box line by line: glyph text wraps at spaces and between CJK characters,
    /// shaped languages come pre-wrapped. A null frame measures without drawing.</summary>
    public sealed class TextPainter
    {
        /// <summary>Cursor x.</summary>
        public int X;
        /// <summary>Top of the current line.</summary>
        public int Y;
        /// <summary>Left edge of the box.</summary>
        public int Left;
        /// <summary>Right edge of the box (exclusive).</summary>
        public int Right;
        /// <summary>Height of the current line so far.</summary>
        public int LineHeight;

        /// <summary>Starts a box at (left, top).</summary>
        public void Begin(int left, int top, int right)
        {
            Left = left;
            Right = right;
            X = left;
            Y = top;
            LineHeight = GlyphFont.Height;
        }

        /// <summary>Moves to the start of the next line.</summary>
        public void NewLine()
        {
            Y += LineHeight;
            X = Left;
            LineHeight = GlyphFont.Height;
        }

        /// <summary>The y just below everything drawn so far.</summary>
        public int Bottom { get { return X == Left ? Y : Y + LineHeight; } }

        /// <summary>Draws a catalogue message in a language at the cursor.</summary>
        public void Message(FrameBuffer? frame, int language, int messageId, bool ink)
        {
            if (Catalog.IsShaped(language))
            {
                int w = ShapedText.Width(language, messageId);
                int h = ShapedText.Height(language, messageId);
                if (X > Left && X + w > Right) NewLine();
                ShapedText.Draw(frame, language, messageId, X, Y, ink);
                if (h > GlyphFont.Height * 3 / 2)
                {
                    // A wrapped bitmap: continue below it.
                    Y += h;
                    X = Left;
                    LineHeight = GlyphFont.Height;
                }
                else
                {
                    X += w;
                    if (h > LineHeight) LineHeight = h;
                }
                return;
            }
            Text(frame, Catalog.Text(language, messageId), ink);
        }

        /// <summary>Draws glyph text at the cursor, wrapping inside the box.</summary>
        public void Text(FrameBuffer? frame, string text, bool ink)
        {
            int i = 0;
            int n = text.Length;
            while (i < n)
            {
                if (X == Left) { while (i < n && text[i] == ' ') i++; }
                int end = LineEnd(text, i, Right - X);
                if (end == i)
                {
                    if (X > Left) { NewLine(); continue; }
                    end = i + 1;
                }
                for (int k = i; k < end; k++) X += GlyphFont.Draw(frame, text[k], X, Y, ink);
                i = end;
                if (i < n) NewLine();
            }
        }

        /// <summary>Draws a space's width unless at the start of a line.</summary>
        public void Space() { if (X > Left) X += GlyphFont.Advance(' '); }

        /// <summary>Where the line starting at <paramref name="start"/> ends within <paramref name="room"/> pixels.</summary>
        static int LineEnd(string text, int start, int room)
        {
            int w = 0;
            int lastBreak = -1;
            for (int i = start; i < text.Length; i++)
            {
                w += GlyphFont.Advance(text[i]);
                if (w > room) return lastBreak > start ? lastBreak : i;
                if (CanBreakAfter(text, i)) lastBreak = i + 1;
            }
            return text.Length;
        }

        static bool CanBreakAfter(string text, int i)
        {
            if (i + 1 >= text.Length) return true;
            char c = text[i];
            char next = text[i + 1];
            if (c == ' ' || c == '\u3000') return true;
            if ("（「『([".IndexOf(c) >= 0) return false;
            if ("。、，．）」』：！？…ー〜～）:,.!?)]".IndexOf(next) >= 0) return false;
            return IsWide(c) || IsWide(next);
        }

        static bool IsWide(char c) { return c >= '\u2E80' && c < '\uFF60' || c >= '\uAC00' && c < '\uD7B0'; }
    }
}
