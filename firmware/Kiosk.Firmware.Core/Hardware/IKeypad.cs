namespace Kiosk.Firmware.Core.Hardware
{
    /// <summary>The PIN pad: a 4x3 or 4x4 key matrix scanned by the board.</summary>
    public interface IKeypad
    {
        /// <summary>Returns the next key pressed, or <see cref="Key.None"/> if none came within <paramref name="timeoutMs"/>.</summary>
        Key ReadKey(int timeoutMs);
    }
}
