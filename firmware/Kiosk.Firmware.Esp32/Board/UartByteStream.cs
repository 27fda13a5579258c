using System;
using System.IO.Ports;
using System.Threading;
using Kiosk.Firmware.Core.Hardware;
using nanoFramework.Hardware.Esp32;

namespace Kiosk.Firmware.Esp32.Board
{
    /// <summary>The PN532's HSU link: <see cref="IByteStream"/> over a nanoFramework <see cref="SerialPort"/>.</summary>
    internal sealed class UartByteStream : IByteStream, IDisposable
    {
        // SerialPort.Read throws TimeoutException when nothing came; polling BytesToRead keeps timeouts a return value.
        private const int PollMs = 2;
        private readonly SerialPort _port;

        public UartByteStream(string portName, int baud, int txPin, int rxPin)
        {
            Configuration.SetPinFunction(txPin, DeviceFunction.COM2_TX);
            Configuration.SetPinFunction(rxPin, DeviceFunction.COM2_RX);
            _port = new SerialPort(portName, baud, Parity.None, 8, StopBits.One);
            _port.Handshake = Handshake.None;
            _port.ReadBufferSize = 1024; // a 258-byte signature in an extended frame must fit with room to spare
            _port.WriteTimeout = 500;
            _port.Open();
        }

        public int Read(byte[] buffer, int offset, int count, int timeoutMs)
        {
            if (count <= 0) return 0;
            var deadline = Esp32Clock.NowMs() + timeoutMs;
            while (true)
            {
                var available = _port.BytesToRead;
                if (available > 0)
                {
                    return _port.Read(buffer, offset, available < count ? available : count);
                }
                if (Esp32Clock.NowMs() >= deadline) return 0;
                Thread.Sleep(PollMs);
            }
        }

        public void Write(byte[] buffer, int offset, int count)
        {
            _port.Write(buffer, offset, count);
        }

        public void DiscardInput()
        {
            var scratch = new byte[64];
            int available;
            while ((available = _port.BytesToRead) > 0)
            {
                _port.Read(scratch, 0, available < scratch.Length ? available : scratch.Length);
            }
        }

        public void Dispose()
        {
            _port.Close();
            _port.Dispose();
        }
    }
}
