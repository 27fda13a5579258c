using System.Device.Pwm;
using System.Threading;
using nanoFramework.Hardware.Esp32;

namespace Kiosk.Firmware.Esp32.Board
{
    /// <summary>The passive buzzer: short tones for key clicks, and the card-left-behind reminder.</summary>
    internal sealed class Buzzer
    {
        private readonly PwmChannel _pwm;

        public Buzzer(int pin)
        {
            Configuration.SetPinFunction(pin, DeviceFunction.PWM1);
            _pwm = PwmChannel.CreateFromPin(pin, 2000, 0);
        }

        /// <summary>Sounds <paramref name="hz"/> for <paramref name="ms"/> milliseconds (blocks the caller that long).</summary>
        public void Tone(int hz, int ms)
        {
            _pwm.Frequency = hz;
            _pwm.DutyCycle = 0.5;
            _pwm.Start();
            Thread.Sleep(ms);
            _pwm.Stop();
        }

        public void Click() { Tone(4000, 15); }

        /// <summary>Three rising tones: "take your card".</summary>
        public void Reminder()
        {
            Tone(1500, 120);
            Tone(2000, 120);
            Tone(2500, 200);
        }
    }
}
