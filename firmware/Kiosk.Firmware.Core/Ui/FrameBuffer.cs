using System;

namespace Kiosk.Firmware.Core.Ui
{
    /// <summary>The 320x240 1-bit frame in IDisplay's format: row-major, MSB first, 40 bytes per row, a set bit is ink (dark).</summary>
    public sealed class FrameBuffer
    {
        /// <summary>Pixels per row.</summary>
        public const int Width = 320;
        /// <summary>Rows.</summary>
        public const int Height = 240;
        /// <summary>Bytes per row.</summary>
        public const int Stride = Width / 8;

        /// <summary>The frame bytes handed to <see cref="Hardware.IDisplay.Show"/>.</summary>
        public readonly byte[] Bits = new byte[Stride * Height];

        /// <summary>Blanks the whole frame.</summary>
        public void Clear() { Array.Clear(Bits, 0, Bits.Length); }

        /// <summary>Sets (ink) or clears one pixel; outside the frame does nothing.</summary>
        public void Set(int x, int y, bool ink)
        {
            if (x < 0 || y < 0 || x >= Width || y >= Height) return;
            int i = y * Stride + (x >> 3);
            byte mask = (byte)(0x80 >> (x & 7));
            if (ink) Bits[i] |= mask; else Bits[i] &= (byte)~mask;
        }

        /// <summary>True when the pixel is ink.</summary>
        public bool Get(int x, int y)
        {
            if (x < 0 || y < 0 || x >= Width || y >= Height) return false;
            return (Bits[y * Stride + (x >> 3)] & (0x80 >> (x & 7))) != 0;
        }

        /// <summary>Fills a rectangle with ink or blank.</summary>
        public void Fill(int x, int y, int w, int h, bool ink)
        {
            for (int yy = y; yy < y + h; yy++)
                for (int xx = x; xx < x + w; xx++) Set(xx, yy, ink);
        }

        /// <summary>Draws a zero-run-compressed 1-bit bitmap (rows padded to bytes) with its top-left at (x, y).</summary>
        public void Blit(byte[] bits, int offset, int width, int height, int x, int y, bool ink)
        {
            int rowBytes = (width + 7) / 8;
            int pos = offset;
            int zeros = 0;
            for (int row = 0; row < height; row++)
            {
                for (int b = 0; b < rowBytes; b++)
                {
                    int v;
                    if (zeros > 0) { zeros--; continue; }
                    v = bits[pos++];
                    if (v == 0) { zeros = bits[pos++] - 1; continue; }
                    for (int bit = 0; bit < 8; bit++)
                    {
                        if ((v & (0x80 >> bit)) != 0) Set(x + b * 8 + bit, y + row, ink);
                    }
                }
            }
        }
    }
}
