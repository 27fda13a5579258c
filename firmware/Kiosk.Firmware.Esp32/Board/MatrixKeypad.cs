using System.Device.Gpio;
using System.Threading;
using Kiosk.Firmware.Core.Hardware;

namespace Kiosk.Firmware.Esp32.Board
{
    /// <summary>
    /// The 4x4 PIN pad as <see cref="IKeypad"/>: drives one row low at a time and reads the pulled-up columns. A key counts
    /// once, after it has been stable for the debounce time, and again only after it is released.
    /// </summary>
    internal sealed class MatrixKeypad : IKeypad
    {
        private const int ScanPeriodMs = 5;
        private const int DebounceMs = 30;

        // Layout printed on the pad (hardware/README.md): digits in the phone layout, function keys in the right column.
        private static readonly Key[] Layout = new Key[]
        {
            Key.D1, Key.D2, Key.D3, Key.Cancel,
            Key.D4, Key.D5, Key.D6, Key.Clear,
            Key.D7, Key.D8, Key.D9, Key.Back,
            Key.Up, Key.D0, Key.Down, Key.Enter,
        };

        private readonly GpioPin[] _rows;
        private readonly GpioPin[] _columns;
        private int _heldIndex = -1;

        public MatrixKeypad(GpioController gpio, int[] rowPins, int[] columnPins)
        {
            _rows = new GpioPin[rowPins.Length];
            for (var i = 0; i < rowPins.Length; i++)
            {
                _rows[i] = gpio.OpenPin(rowPins[i], PinMode.Output);
                _rows[i].Write(PinValue.High);
            }
            _columns = new GpioPin[columnPins.Length];
            for (var i = 0; i < columnPins.Length; i++)
            {
                _columns[i] = gpio.OpenPin(columnPins[i], PinMode.Input);
            }
        }

        public Key ReadKey(int timeoutMs)
        {
            var deadline = Esp32Clock.NowMs() + timeoutMs;
            var candidate = -1;
            long candidateSince = 0;
            while (true)
            {
                var now = Esp32Clock.NowMs();
                var index = ScanOnce();
                if (index != candidate)
                {
                    candidate = index;
                    candidateSince = now;
                }
                else if (now - candidateSince >= DebounceMs)
                {
                    if (candidate < 0)
                    {
                        _heldIndex = -1; // released: the next press counts
                    }
                    else if (candidate != _heldIndex)
                    {
                        _heldIndex = candidate;
                        return Layout[candidate];
                    }
                }
                if (now >= deadline) return Key.None;
                Thread.Sleep(ScanPeriodMs);
            }
        }

        /// <summary>Index into <see cref="Layout"/> of the one pressed key, or -1 for none or several (ghosting).</summary>
        private int ScanOnce()
        {
            var found = -1;
            for (var r = 0; r < _rows.Length; r++)
            {
                _rows[r].Write(PinValue.Low);
                for (var c = 0; c < _columns.Length; c++)
                {
                    if (_columns[c].Read() == PinValue.Low)
                    {
                        if (found >= 0)
                        {
                            _rows[r].Write(PinValue.High);
                            return -1;
                        }
                        found = r * _columns.Length + c;
                    }
                }
                _rows[r].Write(PinValue.High);
            }
            return found;
        }
    }
}
