using Kiosk.Firmware.Core.Ui.Messages;

namespace Kiosk.Firmware.Core.Ui.Fonts
{
    /// <summary>Pre-shaped catalogue texts for Thai and Nepali, drawn as whole bitmaps (already wrapped at build time).</summary>
    public static class ShapedText
    {
        static int Bitmap(int language, int messageId)
        {
            byte[] langs = ShapedData.Languages;
            for (int k = 0; k < langs.Length; k++)
            {
                if (langs[k] == language) return Catalog.Slot(messageId) * langs.Length + k;
            }
            return -1;
        }

        /// <summary>Width in pixels of a message's bitmap.</summary>
        public static int Width(int language, int messageId) { return ShapedData.Widths[Bitmap(language, messageId)]; }

        /// <summary>Height in pixels of a message's bitmap (all its wrapped lines).</summary>
        public static int Height(int language, int messageId) { return ShapedData.Heights[Bitmap(language, messageId)]; }

        /// <summary>Draws a message's bitmap with its top-left at (x, y).</summary>
        public static void Draw(FrameBuffer? frame, int language, int messageId, int x, int y, bool ink)
        {
            int b = Bitmap(language, messageId);
            if (frame != null) frame.Blit(ShapedData.Bits, ShapedData.Offsets[b], ShapedData.Widths[b], ShapedData.Heights[b], x, y, ink);
        }
    }
}
