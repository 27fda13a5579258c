using System;
using System.Device.Gpio;
using System.Device.Spi;
using System.Threading;
using Kiosk.Firmware.Core.Hardware;
using nanoFramework.Hardware.Esp32;

namespace Kiosk.Firmware.Esp32.Board
{
    /// <summary>
    /// ILI9341 over SPI as <see cref="IDisplay"/>: each 1-bit row of the core's 320x240 frame (set bit = ink) is expanded
    /// to RGB565 in one reused row buffer and sent; only the rows the core says changed are sent.
    /// </summary>
    internal sealed class Ili9341Display : IDisplay
    {
        private const int Width = 320;
        private const int Height = 240;
        private const int Stride = Width / 8;

        private const byte SoftwareReset = 0x01;
        private const byte SleepOut = 0x11;
        private const byte DisplayOn = 0x29;
        private const byte ColumnAddressSet = 0x2A;
        private const byte PageAddressSet = 0x2B;
        private const byte MemoryWrite = 0x2C;
        private const byte MemoryAccessControl = 0x36;
        private const byte PixelFormatSet = 0x3A;

        // MADCTL: row/column exchange (landscape) + BGR panel order.
        private const byte LandscapeBgr = 0x28;
        private const byte Rgb565 = 0x55;

        // Ink is near-black, paper white: high contrast for the privacy-shielded, angled screen.
        private const byte InkHigh = 0x10, InkLow = 0xA2;
        private const byte PaperHigh = 0xFF, PaperLow = 0xFF;

        private readonly SpiDevice _spi;
        private readonly GpioPin _dataCommand;
        private readonly GpioPin _reset;
        private readonly byte[] _row = new byte[Width * 2];
        private readonly byte[] _one = new byte[1];
        private readonly byte[] _four = new byte[4];

        public Ili9341Display(GpioController gpio)
        {
            Configuration.SetPinFunction(Pins.DisplayMosi, DeviceFunction.SPI1_MOSI);
            Configuration.SetPinFunction(Pins.DisplayMiso, DeviceFunction.SPI1_MISO);
            Configuration.SetPinFunction(Pins.DisplayClock, DeviceFunction.SPI1_CLOCK);
            var settings = new SpiConnectionSettings(Pins.DisplaySpiBus, Pins.DisplayChipSelect);
            settings.ClockFrequency = 40000000;
            settings.Mode = SpiMode.Mode0;
            settings.DataBitLength = 8;
            _spi = SpiDevice.Create(settings);

            _dataCommand = gpio.OpenPin(Pins.DisplayDataCommand, PinMode.Output);
            _reset = gpio.OpenPin(Pins.DisplayReset, PinMode.Output);
            gpio.OpenPin(Pins.DisplayBacklight, PinMode.Output).Write(PinValue.High);
            Initialize();
        }

        public void Show(byte[] frame, int firstRow, int rowCount)
        {
            if (firstRow < 0 || rowCount <= 0 || firstRow + rowCount > Height) throw new ArgumentOutOfRangeException("firstRow");
            SetWindow(0, firstRow, Width - 1, firstRow + rowCount - 1);
            Command(MemoryWrite);
            _dataCommand.Write(PinValue.High);
            for (var y = firstRow; y < firstRow + rowCount; y++)
            {
                var src = y * Stride;
                var dst = 0;
                for (var b = 0; b < Stride; b++)
                {
                    var bits = frame[src + b];
                    for (var mask = 0x80; mask != 0; mask >>= 1)
                    {
                        var ink = (bits & mask) != 0;
                        _row[dst++] = ink ? InkHigh : PaperHigh;
                        _row[dst++] = ink ? InkLow : PaperLow;
                    }
                }
                _spi.Write(new SpanByte(_row));
            }
        }

        private void Initialize()
        {
            _reset.Write(PinValue.Low);
            Thread.Sleep(10);
            _reset.Write(PinValue.High);
            Thread.Sleep(120);
            Command(SoftwareReset);
            Thread.Sleep(150);
            Command(SleepOut);
            Thread.Sleep(120);
            Command(PixelFormatSet, Rgb565);
            Command(MemoryAccessControl, LandscapeBgr);
            Command(DisplayOn);
        }

        private void SetWindow(int x0, int y0, int x1, int y1)
        {
            Command(ColumnAddressSet);
            Data4(x0, x1);
            Command(PageAddressSet);
            Data4(y0, y1);
        }

        private void Command(byte command)
        {
            _dataCommand.Write(PinValue.Low);
            _one[0] = command;
            _spi.Write(new SpanByte(_one));
        }

        private void Command(byte command, byte argument)
        {
            Command(command);
            _dataCommand.Write(PinValue.High);
            _one[0] = argument;
            _spi.Write(new SpanByte(_one));
        }

        private void Data4(int first, int last)
        {
            _dataCommand.Write(PinValue.High);
            _four[0] = (byte)(first >> 8);
            _four[1] = (byte)first;
            _four[2] = (byte)(last >> 8);
            _four[3] = (byte)last;
            _spi.Write(new SpanByte(_four));
        }
    }
}
