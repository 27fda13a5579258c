namespace Kiosk.Firmware.Core.Hardware
{
    /// <summary>The keys of the PIN pad. Digits are contiguous so that <c>Key.D0 + n</c> is digit n.</summary>
    public enum Key
    {
        None = 0,
        D0 = 10, D1, D2, D3, D4, D5, D6, D7, D8, D9,
        Enter = 30,
        Cancel,
        Clear,
        Back,
        Up,
        Down,
    }
}
