namespace Kiosk.Firmware.Simulator.Board;

/// <summary>The board's buzzer and status LED as state the front panel shows (the ESP32 drives a GPIO and a PWM pin).</summary>
public sealed class Indicators
{
    private int _beeps;

    /// <summary>The status LED: "off", "ready", "busy" or "error".</summary>
    public string Led { get; private set; } = "off";

    /// <summary>How many beeps the buzzer has sounded since start (the panel flashes on each new one).</summary>
    public int Beeps => Volatile.Read(ref _beeps);

    /// <summary>Sets the LED state.</summary>
    public void SetLed(string state) => Led = state;

    /// <summary>Sounds the buzzer once.</summary>
    public void Beep() => Interlocked.Increment(ref _beeps);
}
