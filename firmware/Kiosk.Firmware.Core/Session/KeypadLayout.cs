using Kiosk.Firmware.Core.Hardware;

namespace Kiosk.Firmware.Core.Session
{
    /// <summary>Key caps of the supported matrices, row by row, so a board's scanner maps (row, column) to a <see cref="Key"/>.
    /// 4x4: 1 2 3 Cancel / 4 5 6 Clear / 7 8 9 Back / Up 0 Down Enter. 4x3: 1 2 3 / 4 5 6 / 7 8 9 / Cancel 0 Enter.</summary>
    public static class KeypadLayout
    {
        static readonly Key[] Matrix4x4 =
        {
            Key.D1, Key.D2, Key.D3, Key.Cancel,
            Key.D4, Key.D5, Key.D6, Key.Clear,
            Key.D7, Key.D8, Key.D9, Key.Back,
            Key.Up, Key.D0, Key.Down, Key.Enter,
        };

        static readonly Key[] Matrix4x3 =
        {
            Key.D1, Key.D2, Key.D3,
            Key.D4, Key.D5, Key.D6,
            Key.D7, Key.D8, Key.D9,
            Key.Cancel, Key.D0, Key.Enter,
        };

        /// <summary>The key at (row, column) of a 4-row pad with <paramref name="columns"/> columns (3 or 4).</summary>
        public static Key At(int columns, int row, int column)
        {
            if (row < 0 || row > 3 || column < 0 || column >= columns) return Key.None;
            return columns == 4 ? Matrix4x4[row * 4 + column] : Matrix4x3[row * 3 + column];
        }

        /// <summary>The digit of a digit key, or -1.</summary>
        public static int DigitOf(Key key)
        {
            int d = (int)key - (int)Key.D0;
            return d >= 0 && d <= 9 ? d : -1;
        }
    }
}
