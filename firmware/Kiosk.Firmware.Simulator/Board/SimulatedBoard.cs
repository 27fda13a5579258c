namespace Kiosk.Firmware.Simulator.Board;

/// <summary>The simulated board: every seam the core needs besides the PN532 link and the bridge stream.</summary>
public sealed class SimulatedBoard : IDisposable
{
    /// <summary>The PIN pad fed from the web front panel.</summary>
    public WebKeypad Keypad { get; } = new();

    /// <summary>The display keeping the latest frame.</summary>
    public FrameDisplay Display { get; } = new();

    /// <summary>The host's clocks.</summary>
    public SystemClock Clock { get; } = new();

    /// <summary>The OS random source.</summary>
    public CryptoRandomSource Random { get; } = new();

    /// <summary>Buzzer and status LED.</summary>
    public Indicators Indicators { get; } = new();

    /// <inheritdoc />
    public void Dispose() => Keypad.Dispose();
}
