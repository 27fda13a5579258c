using System.Device.Gpio;
using System.Threading;

namespace Kiosk.Firmware.Esp32.Board
{
    /// <summary>The status LED: steady when serving, a blink code while something is wrong (readable without a screen).</summary>
    internal sealed class StatusLed
    {
        private readonly GpioPin _pin;
        private int _blinkCode;

        public StatusLed(GpioController gpio, int pin)
        {
            _pin = gpio.OpenPin(pin, PinMode.Output);
            var thread = new Thread(Run);
            thread.Start();
        }

        /// <summary>0 = steady on; n = n short blinks then a pause (1 Wi-Fi, 2 time, 3 bridge, 4 reader, 5 display).</summary>
        public int BlinkCode
        {
            get { return _blinkCode; }
            set { _blinkCode = value; }
        }

        private void Run()
        {
            while (true)
            {
                var code = _blinkCode;
                if (code == 0)
                {
                    _pin.Write(PinValue.High);
                    Thread.Sleep(500);
                    continue;
                }
                for (var i = 0; i < code; i++)
                {
                    _pin.Write(PinValue.High);
                    Thread.Sleep(150);
                    _pin.Write(PinValue.Low);
                    Thread.Sleep(250);
                }
                Thread.Sleep(1200);
            }
        }
    }
}
